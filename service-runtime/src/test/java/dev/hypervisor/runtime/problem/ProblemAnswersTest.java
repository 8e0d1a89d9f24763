package dev.hypervisor.runtime.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemAnswersTest {

    private static final String VALID = """
            {"name": "train", "resources": {"cpu": "500m", "memory": "1Gi"}, "priority": "HIGH"}""";

    @Test
    void aValidRequestPassesAndIgnoresUnknownFields() {
        post("""
                {"name": "train", "resources": {"cpu": "1.5", "memory": "1536Mi", "gpu": 1}, "priority": "LOW",
                 "allocated": "everything", "status": "RUNNING"}""")
                .statusCode(200)
                .body("resources.cpu", equalTo("1500m"))
                .body("resources.memory", equalTo("1536Mi"))
                .body("$", not(org.hamcrest.Matchers.hasKey("allocated")));
    }

    @Test
    void malformedJsonIsA400() {
        problem(post("{\"name\": \"train\", "), 400, "MALFORMED_REQUEST")
                .body("detail", startsWith("the body is not valid JSON"));
    }

    @Test
    void aValueOfTheWrongJsonTypeIsA400() {
        problem(post("""
                {"name": "train", "resources": "4 cores", "priority": "HIGH"}"""), 400, "MALFORMED_REQUEST")
                .body("detail", equalTo("resources must be an object"));
        problem(post("[1, 2, 3]"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void anUnknownEnumValueIsA422NamingTheChoices() {
        problem(post(VALID.replace("HIGH", "URGENT")), 422, "VALIDATION_FAILED")
                .body("errors[0].field", equalTo("priority"))
                .body("errors[0].message", equalTo("must be one of LOW, MEDIUM, HIGH"));
    }

    @Test
    void anInvalidQuantityIsA422NamingItsPath() {
        problem(post(VALID.replace("\"500m\"", "\"-2\"")), 422, "VALIDATION_FAILED")
                .body("errors[0].field", equalTo("resources.cpu"))
                .body("errors[0].message", equalTo("'-2' is negative"));
        problem(post(VALID.replace("\"1Gi\"}", "\"1Gi\", \"gpu\": 0.5}")), 422, "VALIDATION_FAILED")
                .body("errors[0].field", equalTo("resources.gpu"));
    }

    @Test
    void anIdThatIsNotAUuidIsA422() {
        problem(post(VALID.replace("}", ", \"clusterId\": \"not-a-uuid\"}")), 422, "VALIDATION_FAILED")
                .body("errors[0].field", equalTo("clusterId"));
        problem(post(VALID.replace("}", ", \"dependsOn\": [\"6f1c1b9e-0000-4000-8000-000000000001\", \"x\"]}")),
                422, "VALIDATION_FAILED")
                .body("errors[0].field", equalTo("dependsOn[1]"));
    }

    @Test
    void missingAndConstrainedFieldsAreA422ListingEachField() {
        problem(post("{\"dependsOn\": [\"6f1c1b9e-0000-4000-8000-000000000001\","
                + " \"6f1c1b9e-0000-4000-8000-000000000002\", \"6f1c1b9e-0000-4000-8000-000000000003\","
                + " \"6f1c1b9e-0000-4000-8000-000000000004\"]}"), 422, "VALIDATION_FAILED")
                .body("errors", hasSize(4))
                .body("errors.field", org.hamcrest.Matchers.contains("dependsOn", "name", "priority", "resources"));
    }

    @Test
    void anEmptyBodyIsA422ForTheBody() {
        problem(post(""), 422, "VALIDATION_FAILED").body("errors[0].field", equalTo("request"));
    }

    @Test
    void aQueryParameterOutOfRangeIsA422NamingIt() {
        problem(given().queryParam("limit", 501).get("/samples/page").then(), 422, "VALIDATION_FAILED")
                .body("errors[0].field", equalTo("limit"));
        problem(given().queryParam("limit", "many").get("/samples/page").then(), 400, "MALFORMED_REQUEST");
    }

    @Test
    void aProblemRaisedByAUseCaseIsAnsweredAsIs() {
        problem(given().get("/samples/conflict").then(), 409, "CONFLICT")
                .body("detail", equalTo("the sample is busy"));
    }

    @Test
    void aFaultIsA500ThatRevealsNothingInternal() {
        problem(given().get("/samples/fault").then(), 500, "INTERNAL_ERROR")
                .body("detail", containsString("error "))
                .body("detail", not(containsString("com.example")))
                .body("detail", not(containsString("pool")));
    }

    @Test
    void aProtectedPathWithoutAValidTokenIsA401() {
        problem(given().get("/samples/secret").then(), 401, "UNAUTHORIZED")
                .header("WWW-Authenticate", "Bearer");
        problem(given().auth().oauth2("not.a.token").get("/samples/secret").then(), 401, "UNAUTHORIZED");
    }

    @Test
    void unknownPathsWrongMethodsAndMediaTypesAreProblemsToo() {
        problem(given().get("/samples/nothing-here").then(), 404, "NOT_FOUND");
        problem(given().get("/not-an-api-path").then(), 404, "NOT_FOUND");
        problem(given().delete("/samples/conflict").then(), 405, "METHOD_NOT_ALLOWED");
        problem(given().contentType(ContentType.TEXT).body("name=train").post("/samples").then(),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/samples").then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("type", startsWith("urn:hypervisor:problem:"))
                .body("title", not(org.hamcrest.Matchers.emptyOrNullString()));
    }
}

package dev.hypervisor.scheduler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.scheduler.standin.ClusterServiceStandIn;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the Deployments API refuses, and that a refusal changes nothing. */
@QuarkusTest
class DeploymentApiRefusalsTest {

    private final UUID organization = UUID.randomUUID();
    private final String developer = TestTokens.current().user(UUID.randomUUID(), Map.of(organization, OrgRole.DEVELOPER));

    @Test
    void aRequestWithoutAValidTokenIsUnauthorized() {
        given().get("/api/v1/deployments").then().statusCode(401);
        given().auth().oauth2(TestTokens.tampered(developer)).get("/api/v1/deployments").then().statusCode(401);
        given().auth().oauth2(TestTokens.current().expiredUser(UUID.randomUUID(), Map.of()))
                .get("/api/v1/deployments").then().statusCode(401);
        given().auth().oauth2(TestTokens.foreign().user(UUID.randomUUID(), Map.of()))
                .get("/api/v1/deployments").then().statusCode(401);
    }

    @Test
    void everyBrokenRuleOfARequestIsNamedAtOnce() {
        as(developer).body(Map.of("name", "-bad", "clusterId", UUID.randomUUID(), "image", "Not An Image!",
                        "resources", Map.of("cpu", "0", "memory", "1Gi"), "priority", "HIGH"))
                .post("/api/v1/deployments").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItems("name", "image", "resources.cpu"));
        as(developer).get("/api/v1/deployments").then().statusCode(200).body("items", empty());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("hypervisor_scheduler_rejections_total{code=\"VALIDATION_FAILED\""));
    }

    @Test
    void malformedBodiesAreClientErrorsNeverServerErrors() {
        as(developer).body("{\"name\": ").post("/api/v1/deployments").then().statusCode(400);
        as(developer).body(Map.of("name", "x", "clusterId", "not-a-uuid", "image", "nginx",
                        "resources", Map.of("cpu", "1", "memory", "1Gi"), "priority", "URGENT"))
                .post("/api/v1/deployments").then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
        as(developer).body(Map.of("name", "x", "image", "nginx", "priority", "LOW"))
                .post("/api/v1/deployments").then().statusCode(422);
        as(developer).body(Map.of("status", "PENDING")).post("/api/v1/deployments/" + UUID.randomUUID() + "/status")
                .then().statusCode(404);
    }

    @Test
    void anUnknownDeploymentIsNotFound() {
        as(developer).get("/api/v1/deployments/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        as(developer).post("/api/v1/deployments/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
    }

    @Test
    void whenClusterServiceCannotAnswerTheRequestIsRefusedWith503AndNothingIsStored() {
        UUID cluster = ClusterServiceStandIn.newCluster(organization, Map.of("cpu", "4", "memory", "8Gi"), true);
        ClusterServiceStandIn.available(false);
        try {
            as(developer).body(Map.of("name", "train", "clusterId", cluster, "image", "nginx:1.27",
                            "resources", Map.of("cpu", "1", "memory", "1Gi"), "priority", "LOW"))
                    .post("/api/v1/deployments").then().statusCode(503).header("Retry-After", "5");
        } finally {
            ClusterServiceStandIn.available(true);
        }
        as(developer).get("/api/v1/deployments").then().statusCode(200).body("items", empty());
    }

    @Test
    void aClusterThatClusterServiceDoesNotKnowIsNotFound() {
        as(developer).body(Map.of("name", "train", "clusterId", UUID.randomUUID(), "image", "nginx:1.27",
                        "resources", Map.of("cpu", "1", "memory", "1Gi"), "priority", "LOW"))
                .post("/api/v1/deployments").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}

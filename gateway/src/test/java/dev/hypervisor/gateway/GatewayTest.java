package dev.hypervisor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class GatewayTest {

    @Test
    void forwardsEachPathToTheServiceThatOwnsIt() {
        given().get("/api/v1/organizations").then().statusCode(200).body("upstream", equalTo("identity"));
        given().get("/.well-known/jwks.json").then().statusCode(200).body("upstream", equalTo("identity"));
        given().get("/api/v1/clusters/42").then().statusCode(200).body("upstream", equalTo("cluster"));
    }

    @Test
    void forwardsMethodPathQueryBodyAndHeadersUnchanged() {
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer abc.def.ghi")
                .header("Idempotency-Key", "k-1")
                .queryParam("organizationId", "o 1")
                .body("{\"name\": \"gpu-pool\", \"capacity\": {\"cpu\": \"64\"}}")
                .post("/api/v1/clusters/created")
                .then()
                .statusCode(201)
                .header("X-Upstream", "cluster")
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/v1/clusters/created?organizationId=o%201"))
                .body("body", equalTo("{\"name\": \"gpu-pool\", \"capacity\": {\"cpu\": \"64\"}}"))
                .body("headers.authorization", equalTo("Bearer abc.def.ghi"))
                .body("headers.idempotency-key", equalTo("k-1"))
                .body("headers.x-forwarded-for", startsWith("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"));
    }

    @Test
    void reachesAnUpstreamsOwnHealthAndOpenApiByItsName() {
        given().get("/identity/q/health/ready").then().statusCode(200)
                .body("upstream", equalTo("identity"))
                .body("uri", equalTo("/q/health/ready"));
        given().get("/cluster/q/openapi?format=json").then().statusCode(200)
                .body("uri", equalTo("/q/openapi?format=json"));
    }

    @Test
    void aServiceThatIsDownIsA502Problem() {
        given().get("/api/v1/deployments").then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("code", equalTo("BAD_GATEWAY"))
                .body("detail", equalTo("scheduler is not reachable"));
    }

    @Test
    void aPathNobodyServesIsA404Problem() {
        given().get("/api/v2/anything").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void isNotReadyWhileAServiceIsDown() {
        given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'Upstream services' }.data.identity", equalTo("UP"))
                .body("checks.find { it.name == 'Upstream services' }.data.scheduler", startsWith("DOWN"));
    }

    @Test
    void servesTheConsoleFromItsOwnOriginOnly() {
        given().redirects().follow(false).get("/console").then().statusCode(302).header("Location", "/console/");
        given().get("/console/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", startsWith("default-src 'self'"))
                .body(containsString("<script src=\"console.js\""));
        given().get("/console/console.js").then().statusCode(200).body(containsString("function route()"));
        given().get("/console/nothing.js").then().statusCode(404);
    }

    @Test
    void servesTheApiDocumentationOfAllServices() {
        given().get("/docs/").then().statusCode(200).body(containsString("swagger-ui"));
    }
}

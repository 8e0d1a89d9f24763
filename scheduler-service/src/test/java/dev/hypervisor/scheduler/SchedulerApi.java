package dev.hypervisor.scheduler;

import static io.restassured.RestAssured.given;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.scheduler.standin.ClusterServiceStandIn;
import dev.hypervisor.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The scheduler's API as a member of one organization uses it in this module's tests, with a cluster of the
 * organization on the {@link ClusterServiceStandIn}.
 */
final class SchedulerApi {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    final UUID organization = UUID.randomUUID();
    final String token = TestTokens.current().user(UUID.randomUUID(), Map.of(organization, OrgRole.OWNER));

    /** A new cluster of the organization with this much cpu and memory, preempting lower priorities. */
    UUID newCluster(String cpu, String memory) {
        return ClusterServiceStandIn.newCluster(organization, Map.of("cpu", cpu, "memory", memory, "gpu", 0), true);
    }

    RequestSpecification request() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A deployment request on the cluster; a map the test may add to. */
    static Map<String, Object> deployment(UUID cluster, String name, String priority, String cpu) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name);
        request.put("clusterId", cluster);
        request.put("image", "registry.example.com/ml/job:1.0");
        request.put("priority", priority);
        request.put("resources", Map.of("cpu", cpu, "memory", "1Gi"));
        return request;
    }

    String submit(Map<String, Object> deployment) {
        return request().body(deployment).post("/api/v1/deployments").then().statusCode(202).extract().path("id");
    }

    String submitDependingOn(Map<String, Object> deployment, String... dependencies) {
        deployment.put("dependsOn", List.of(dependencies));
        return submit(deployment);
    }

    JsonPath get(String deployment) {
        return request().get("/api/v1/deployments/" + deployment).then().statusCode(200).extract().jsonPath();
    }

    void report(String deployment, String status) {
        request().body(Map.of("status", status, "message", "reported by the test"))
                .post("/api/v1/deployments/" + deployment + "/status").then().statusCode(200);
    }

    /** The deployment's timeline: its events so far, in order. */
    JsonPath history(String deployment) {
        return request().get("/api/v1/deployments/" + deployment + "/history").then().statusCode(200).extract()
                .jsonPath();
    }

    /** The deployment once it has the status; fails when it does not within the deadline. */
    JsonPath untilStatus(String deployment, String status) throws InterruptedException {
        return until(deployment, answer -> status.equals(answer.getString("status")), "status " + status);
    }

    JsonPath until(String deployment, Predicate<JsonPath> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        JsonPath last = get(deployment);
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("deployment " + deployment + " did not reach " + what + " within "
                        + DEADLINE + "; last answer: " + last.prettify());
            }
            Thread.sleep(50);
            last = get(deployment);
        }
        return last;
    }

    /**
     * The cluster's claims, asked until exactly these deployments hold them (for 30 s at most, then as they are):
     * the claims of ended deployments are released with the cluster's next ledger batch, moments after the end.
     */
    static Map<String, Map<String, Object>> claimsWhenHeldBy(UUID cluster, String... holders)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, Map<String, Object>> claims = ClusterServiceStandIn.claimsOn(cluster);
        while (!claims.keySet().equals(Set.of(holders)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            claims = ClusterServiceStandIn.claimsOn(cluster);
        }
        return claims;
    }
}

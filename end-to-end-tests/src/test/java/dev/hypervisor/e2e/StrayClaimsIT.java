package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.schedulerToken;
import static dev.hypervisor.e2e.Gateway.submit;
import static dev.hypervisor.e2e.Gateway.untilStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Claims in the ledger for deployments that do not run (what a crash between the ledger call and the database
 * commit leaves behind, at scale): before the scheduler first places on a cluster it releases them, however
 * many there are, although the ledger takes at most 1,000 releases a call.
 */
@ExtendWith(SharedStack.class)
class StrayClaimsIT {

    private static final int STRAY = 1_200;

    @Test
    void moreStrayClaimsThanOneLedgerCallTakesAreAllReleasedBeforeThePlacement(StackUnderTest stack)
            throws Exception {
        JsonPath organization = newOrganization(stack, "strays-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "strays",
                Map.of("cpu", "16", "memory", "32Gi"));
        String scheduler = schedulerToken(stack);
        List<Map<String, Object>> claims = new ArrayList<>();
        for (int i = 0; i < STRAY; i++) {
            claims.add(Map.of("clusterId", cluster, "consumerId", UUID.randomUUID().toString(),
                    "resources", Map.of("cpu", "10m", "memory", "1Mi")));
        }
        for (int from = 0; from < STRAY; from += 1_000) {
            as(stack, scheduler).contentType(ContentType.JSON)
                    .body(Map.of("claims", claims.subList(from, Math.min(STRAY, from + 1_000)), "releases", List.of()))
                    .post("/api/v1/allocations").then().statusCode(200);
        }
        assertThat(as(stack, token).get("/api/v1/clusters/" + cluster).then().extract().jsonPath()
                .getString("allocated.cpu")).isEqualTo("12");

        String deployment = submit(stack, token, deploymentRequest(cluster, "after-strays", "MEDIUM", "1"));

        untilStatus(stack, token, deployment, "RUNNING");
        JsonPath allocations = as(stack, token).get("/api/v1/clusters/" + cluster + "/allocations").then()
                .statusCode(200).extract().jsonPath();
        assertThat(allocations.getList("items.consumerId")).containsExactly(deployment);
        assertThat(as(stack, token).get("/api/v1/clusters/" + cluster).then().extract().jsonPath()
                .getString("allocated.cpu")).isEqualTo("1");
    }
}

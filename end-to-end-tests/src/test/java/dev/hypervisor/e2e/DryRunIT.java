package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dry run through the gateway ({@code POST /api/v1/deployments?dryRun=true}): the real policy's answer on the
 * cluster as it is (start, start by preempting, or wait and why), refused as a submission would be, and nothing
 * stored, queued or preempted.
 */
@ExtendWith(SharedStack.class)
class DryRunIT {

    @Test
    void aDryRunSaysWhatWouldHappenAndChangesNothing(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "dryrun-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "what-if",
                Map.of("cpu", "4", "memory", "16Gi"));
        String running = submit(stack, token, deploymentRequest(cluster, "resident", "LOW", "3"));
        eventually(() -> as(stack, token).get("/api/v1/deployments/" + running),
                answer -> "RUNNING".equals(answer.getString("status")), "the resident deployment to run");

        JsonPath fits = dryRun(stack, token, deploymentRequest(cluster, "small", "LOW", "1"), 200);
        assertThat(fits.getBoolean("wouldStart")).isTrue();
        assertThat(fits.getList("preempts")).isEmpty();
        JsonPath preempts = dryRun(stack, token, deploymentRequest(cluster, "urgent", "HIGH", "2"), 200);
        assertThat(preempts.getBoolean("wouldStart")).isTrue();
        assertThat(preempts.getList("preempts", String.class)).containsExactly(running);
        JsonPath waits = dryRun(stack, token, deploymentRequest(cluster, "patient", "LOW", "2"), 200);
        assertThat(waits.getBoolean("wouldStart")).isFalse();
        assertThat(waits.getString("pending.reason")).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(dryRun(stack, token, deploymentRequest(cluster, "huge", "LOW", "64"), 422)
                .getString("code")).isEqualTo("EXCEEDS_CLUSTER_CAPACITY");

        as(stack, token).get("/api/v1/deployments?clusterId=" + cluster).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo(running))
                .body("items[0].status", equalTo("RUNNING")).body("items[0].preemptions", equalTo(0));
    }

    private static JsonPath dryRun(StackUnderTest stack, String token, Map<String, Object> request, int status) {
        return as(stack, token).contentType(ContentType.JSON).body(request)
                .post("/api/v1/deployments?dryRun=true").then().statusCode(status).extract().jsonPath();
    }
}

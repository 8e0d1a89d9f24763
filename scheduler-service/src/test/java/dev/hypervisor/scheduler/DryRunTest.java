package dev.hypervisor.scheduler;

import static dev.hypervisor.scheduler.SchedulerApi.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.scheduler.standin.ClusterServiceStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/deployments?dryRun=true}: what would happen, decided by the real policy, changing nothing. */
@QuarkusTest
class DryRunTest {

    private final SchedulerApi api = new SchedulerApi();

    @Test
    void aDryRunSaysWhetherItWouldStartWhatItWouldPreemptOrWhyItWouldWaitAndChangesNothing() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        String big = api.submit(deployment(cluster, "big", "LOW", "3"));
        api.untilStatus(big, "RUNNING");

        JsonPath fits = dryRun(deployment(cluster, "fits", "MEDIUM", "1")).statusCode(200).extract().jsonPath();
        assertThat(fits.getBoolean("wouldStart")).isTrue();
        assertThat(fits.getList("preempts")).isEmpty();
        JsonPath waits = dryRun(deployment(cluster, "waits", "LOW", "2")).statusCode(200).extract().jsonPath();
        assertThat(waits.getBoolean("wouldStart")).isFalse();
        assertThat(waits.getString("pending.reason")).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(waits.getString("pending.short.cpu")).isEqualTo("1");
        JsonPath preempts = dryRun(deployment(cluster, "urgent", "HIGH", "2")).statusCode(200).extract().jsonPath();
        assertThat(preempts.getBoolean("wouldStart")).isTrue();
        assertThat(preempts.getList("preempts")).containsExactly(big);

        assertThat(api.get(big).getString("status")).isEqualTo("RUNNING");
        api.request().get("/api/v1/deployments?clusterId=" + cluster).then().statusCode(200)
                .body("items.name", equalTo(List.of("big")));
    }

    @Test
    void onAClusterWithAGracePeriodAPreemptorWouldWaitForItsVictimsToStop() throws Exception {
        UUID cluster = ClusterServiceStandIn.newCluster(api.organization, Map.of("cpu", "4", "memory", "8Gi", "gpu", 0),
                true, "5m");
        String big = api.submit(deployment(cluster, "big", "LOW", "3"));
        api.untilStatus(big, "RUNNING");

        JsonPath preempts = dryRun(deployment(cluster, "urgent", "HIGH", "2")).statusCode(200).extract().jsonPath();
        assertThat(preempts.getBoolean("wouldStart")).isFalse();
        assertThat(preempts.getList("preempts")).containsExactly(big);
        assertThat(preempts.getString("pending.reason")).isEqualTo("WAITING_FOR_PREEMPTION");
        assertThat(preempts.getList("pending.waitingFor")).containsExactly(big);
        assertThat(api.get(big).getString("status")).as("asked nothing: a dry run").isEqualTo("RUNNING");
    }

    @Test
    void aDryRunOfARequestASubmissionWouldRefuseIsRefusedTheSameWay() {
        UUID cluster = api.newCluster("4", "8Gi");
        dryRun(deployment(cluster, "zero", "LOW", "0")).statusCode(422)
                .body("errors[0].field", equalTo("resources.cpu"));
        dryRun(deployment(cluster, "huge", "LOW", "5")).statusCode(422)
                .body("code", equalTo("EXCEEDS_CLUSTER_CAPACITY"));
        dryRun(deployment(UUID.randomUUID(), "nowhere", "LOW", "1")).statusCode(404);
        api.request().get("/api/v1/deployments?clusterId=" + cluster).then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    private io.restassured.response.ValidatableResponse dryRun(Map<String, Object> request) {
        return api.request().body(request).post("/api/v1/deployments?dryRun=true").then();
    }
}

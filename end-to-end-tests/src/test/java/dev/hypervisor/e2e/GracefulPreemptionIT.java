package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.RUN_FOR;
import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Graceful preemption through the gateway, with the local stack's simulated executor as the victim's executor:
 * it checkpoints for the victim's {@code hypervisor.dev/stop-after} and reports STOPPED, or, when that is longer
 * than the cluster's grace period, the period runs out first. Either way the victim holds its capacity until then,
 * and its timeline shows DeploymentPreempting before DeploymentPreempted.
 */
@ExtendWith(SharedStack.class)
class GracefulPreemptionIT {

    private static final String STOP_AFTER = "hypervisor.dev/stop-after";

    @Test
    void theVictimStopsWhenItsExecutorReportsStopped(StackUnderTest stack) throws Exception {
        Scene scene = new Scene(stack, "2m", "3s");

        JsonPath preempting = scene.victimWhile("PREEMPTING");
        assertThat(scene.preemptorReason()).isEqualTo("WAITING_FOR_PREEMPTION");
        assertThat(scene.allocatedGpus()).as("the victim still holds its GPUs").isEqualTo(2);

        scene.preemptorRunning();
        assertThat(preempting.getInt("preemptions")).isZero();
        assertThat(scene.victimWhile("PENDING").getInt("preemptions")).isEqualTo(1);
        JsonPath timeline = eventually(() -> as(stack, scene.token).get("/api/v1/deployments/" + scene.victim
                + "/history"), answer -> answer.getList("items.type").contains("DeploymentPreempted"),
                "the victim's preemption in its timeline");
        List<String> types = timeline.getList("items.type", String.class);
        assertThat(types.indexOf("DeploymentPreempting")).isPositive().isLessThan(types.indexOf("DeploymentPreempted"));
    }

    @Test
    void theVictimIsTakenBackWhenThePeriodRunsOut(StackUnderTest stack) throws Exception {
        Scene scene = new Scene(stack, "3s", "5m");

        scene.victimWhile("PREEMPTING");
        scene.preemptorRunning();

        assertThat(scene.victimWhile("PENDING").getInt("preemptions")).isEqualTo(1);
    }

    /** A cluster of 2 GPUs with a grace period, a LOW victim holding both, and a HIGH deployment that wants them. */
    private static final class Scene {
        final StackUnderTest stack;
        final String token;
        final String cluster;
        final String victim;
        final String preemptor;

        Scene(StackUnderTest stack, String gracePeriod, String stopAfter) throws Exception {
            this.stack = stack;
            JsonPath organization = newOrganization(stack, "grace-" + UUID.randomUUID().toString().substring(0, 8));
            token = organization.getString("accessToken");
            cluster = as(stack, token).contentType(ContentType.JSON).body(Map.of("name", "checkpointing",
                            "organizationId", organization.getString("id"),
                            "capacity", Map.of("cpu", "8", "memory", "32Gi", "gpu", 2),
                            "preemptionGracePeriod", gracePeriod))
                    .post("/api/v1/clusters").then().statusCode(201)
                    .body("preemptionGracePeriod", equalTo(gracePeriod)).extract().path("id");
            Map<String, Object> low = deploymentRequest(cluster, "trainer", "LOW", "2");
            low.put("resources", Map.of("cpu", "2", "memory", "8Gi", "gpu", 2));
            low.put("labels", Map.of(RUN_FOR, "10m", STOP_AFTER, stopAfter));
            victim = submit(stack, token, low);
            victimWhile("RUNNING");
            Map<String, Object> high = deploymentRequest(cluster, "urgent", "HIGH", "2");
            high.put("resources", Map.of("cpu", "2", "memory", "8Gi", "gpu", 2));
            high.put("labels", Map.of(RUN_FOR, "10m"));
            preemptor = submit(stack, token, high);
        }

        JsonPath victimWhile(String status) throws Exception {
            return eventually(() -> as(stack, token).get("/api/v1/deployments/" + victim),
                    answer -> status.equals(answer.getString("status")), "the victim " + status);
        }

        String preemptorReason() throws Exception {
            return eventually(() -> as(stack, token).get("/api/v1/deployments/" + preemptor),
                    answer -> answer.getString("pending.reason") != null, "the preemptor's reason")
                    .getString("pending.reason");
        }

        void preemptorRunning() throws Exception {
            eventually(() -> as(stack, token).get("/api/v1/deployments/" + preemptor),
                    answer -> "RUNNING".equals(answer.getString("status")), "the preemptor to run");
        }

        int allocatedGpus() {
            return as(stack, token).get("/api/v1/clusters/" + cluster).then().statusCode(200).extract()
                    .path("allocated.gpu");
        }
    }
}

package dev.hypervisor.scheduler;

import static dev.hypervisor.scheduler.SchedulerApi.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.event.DeploymentPreempting;
import dev.hypervisor.scheduler.standin.ClusterServiceStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Preemption on a cluster with a grace period: the victim is PREEMPTING and keeps its capacity until its executor
 * reports STOPPED or the period ends; its preemptor waits meanwhile, WAITING_FOR_PREEMPTION.
 */
@QuarkusTest
class GracefulPreemptionTest {

    private final SchedulerApi api = new SchedulerApi();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theVictimKeepsItsCapacityUntilItReportsStoppedThenItsPreemptorStarts() throws Exception {
        UUID cluster = graceful("5m");
        String victim = runningLow(cluster);
        String urgent = api.submit(deployment(cluster, "urgent", "HIGH", "2"));

        JsonPath stopping = api.untilStatus(victim, "PREEMPTING");
        JsonPath waiting = api.until(urgent, answer -> "WAITING_FOR_PREEMPTION".equals(
                answer.getString("pending.reason")), "the preemptor to wait for its victim");
        assertThat(waiting.getList("pending.waitingFor", String.class)).containsExactly(victim);
        assertThat(stopping.getInt("preemptions")).isZero();
        assertThat(ClusterServiceStandIn.claimsOn(cluster)).containsOnlyKeys(victim);
        assertThat(PublishedEvents.readUntil(bootstrapServers, Duration.ofSeconds(30), event ->
                event instanceof DeploymentPreempting preempting && preempting.deploymentId().toString().equals(victim)
                        && preempting.preemptedBy().toString().equals(urgent)
                        && preempting.stopBy().isAfter(Instant.now().plusSeconds(200))))
                .as("a DeploymentPreempting event asking the victim to stop within the period").isTrue();

        api.report(victim, "STOPPED");

        api.untilStatus(urgent, "RUNNING");
        JsonPath back = api.get(victim);
        assertThat(back.getString("status")).isEqualTo("PENDING");
        assertThat(back.getInt("preemptions")).isEqualTo(1);
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, urgent)).containsOnlyKeys(urgent);
        assertThat(PublishedEvents.readUntil(bootstrapServers, Duration.ofSeconds(30), event ->
                event instanceof DeploymentPreempted preempted && preempted.deploymentId().toString().equals(victim)
                        && preempted.preemptedBy().toString().equals(urgent)))
                .as("a DeploymentPreempted event once it stopped").isTrue();
    }

    @Test
    void whenThePeriodEndsTheVictimIsTakenBackWithoutAReport() throws Exception {
        UUID cluster = graceful("1s");
        String victim = runningLow(cluster);
        String urgent = api.submit(deployment(cluster, "urgent", "HIGH", "2"));
        api.untilStatus(victim, "PREEMPTING");

        api.untilStatus(urgent, "RUNNING");

        assertThat(api.get(victim).getString("status")).isEqualTo("PENDING");
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, urgent)).containsOnlyKeys(urgent);
    }

    @Test
    void stoppedIsOnlyForAPreemptingDeploymentAndACancelledVictimLeavesItsCapacityToItsPreemptor()
            throws Exception {
        UUID cluster = graceful("5m");
        String victim = runningLow(cluster);
        api.request().body(Map.of("status", "STOPPED")).post("/api/v1/deployments/" + victim + "/status").then()
                .statusCode(409).body("detail", containsString("PREEMPTING"));
        api.request().body(Map.of("status", "RUNNING")).post("/api/v1/deployments/" + victim + "/status").then()
                .statusCode(409);
        api.request().body(Map.of("status", "ASLEEP")).post("/api/v1/deployments/" + victim + "/status").then()
                .statusCode(422).body("errors[0].field", equalTo("status"));
        assertThat(api.get(victim).getString("status")).isEqualTo("RUNNING");

        String urgent = api.submit(deployment(cluster, "urgent", "HIGH", "2"));
        api.untilStatus(victim, "PREEMPTING");
        api.request().post("/api/v1/deployments/" + victim + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));

        api.untilStatus(urgent, "RUNNING");
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, urgent)).containsOnlyKeys(urgent);
    }

    private UUID graceful(String gracePeriod) {
        return ClusterServiceStandIn.newCluster(api.organization, Map.of("cpu", "2", "memory", "8Gi", "gpu", 0),
                true, gracePeriod);
    }

    /** A LOW deployment that takes the whole cluster, once it runs. */
    private String runningLow(UUID cluster) throws InterruptedException {
        String victim = api.submit(deployment(cluster, "trainer", "LOW", "2"));
        api.untilStatus(victim, "RUNNING");
        return victim;
    }
}

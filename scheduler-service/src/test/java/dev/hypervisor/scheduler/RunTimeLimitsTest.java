package dev.hypervisor.scheduler;

import static dev.hypervisor.scheduler.SchedulerApi.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.common.event.DeploymentFailed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Run-time limits ({@code maxRunDuration}) and why deployments that did not complete ended ({@code failureReason}). */
@QuarkusTest
class RunTimeLimitsTest {

    private final SchedulerApi api = new SchedulerApi();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void oneRunningPastItsLimitFailsTimedOutFreesItsCapacityAndFailsItsDependents() throws Exception {
        UUID cluster = api.newCluster("2", "8Gi");
        Map<String, Object> request = deployment(cluster, "limited", "LOW", "2");
        request.put("maxRunDuration", "2s");
        String limited = api.submit(request);
        String dependent = api.submitDependingOn(deployment(cluster, "evaluate", "LOW", "1"), limited);
        String next = api.submit(deployment(cluster, "next", "LOW", "2"));

        JsonPath running = api.untilStatus(limited, "RUNNING");
        assertThat(running.getString("maxRunDuration")).isEqualTo("2s");
        Instant deadline = Instant.parse(running.getString("deadline"));
        assertThat(deadline).isEqualTo(Instant.parse(running.getString("startedAt")).plusSeconds(2));

        JsonPath timedOut = api.untilStatus(limited, "FAILED");
        assertThat(timedOut.getString("failureReason")).isEqualTo("TIMED_OUT");
        assertThat(timedOut.getString("message")).contains("maxRunDuration");
        assertThat(Instant.parse(timedOut.getString("finishedAt"))).isAfterOrEqualTo(deadline);
        assertThat(timedOut.getString("deadline")).isNull();
        assertThat(api.untilStatus(dependent, "FAILED").getString("failureReason")).isEqualTo("DEPENDENCY_FAILED");
        api.untilStatus(next, "RUNNING");
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, next)).containsOnlyKeys(next);
        assertThat(PublishedEvents.readUntil(bootstrapServers, Duration.ofSeconds(30), event ->
                event instanceof DeploymentFailed failed && failed.deploymentId().toString().equals(limited)
                        && "TIMED_OUT".equals(failed.reason()))).as("a DeploymentFailed event saying TIMED_OUT").isTrue();
    }

    @Test
    void aDeploymentWaitingOnlyForLimitedOnesSaysWhenItWouldStartAtTheLatest() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        Map<String, Object> limitedRequest = deployment(cluster, "limited", "LOW", "2");
        limitedRequest.put("maxRunDuration", "1h");
        Instant deadline = Instant.parse(api.untilStatus(api.submit(limitedRequest), "RUNNING").getString("deadline"))
                .truncatedTo(ChronoUnit.SECONDS).plusSeconds(1); // estimates are to the second, never earlier
        String unlimited = api.submit(deployment(cluster, "unlimited", "LOW", "1"));
        api.untilStatus(unlimited, "RUNNING");
        Map<String, Object> waitingRequest = deployment(cluster, "waiting", "LOW", "2");
        waitingRequest.put("maxRunDuration", "30m");
        String waiting = api.submit(waitingRequest);
        String behind = api.submit(deployment(cluster, "behind", "LOW", "2"));

        assertThat(Instant.parse(api.get(waiting).getString("pending.estimatedStartAt")))
                .as("when the limited one has run its hour").isEqualTo(deadline);
        JsonPath queue = api.request().get("/api/v1/clusters/" + cluster + "/queue").then().statusCode(200)
                .extract().jsonPath();
        assertThat(queue.getList("items.id")).containsExactly(waiting, behind);
        assertThat(queue.getList("items.pending.estimatedStartAt", String.class)).map(Instant::parse)
                .as("the one behind starts once the waiting one has run its 30 minutes")
                .containsExactly(deadline, deadline.plus(Duration.ofMinutes(30)));
        Map<String, Object> asked = deployment(cluster, "asked", "LOW", "4");
        JsonPath dryRun = api.request().body(asked).post("/api/v1/deployments?dryRun=true").then().statusCode(200)
                .extract().jsonPath();
        assertThat(dryRun.getString("pending.reason")).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(dryRun.getMap("pending")).as("it needs the unlimited one's cpu too: nobody knows when")
                .containsEntry("estimatedStartAt", null);
    }

    @Test
    void everyDeploymentThatDidNotCompleteSaysWhy() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        String reported = api.submit(deployment(cluster, "reported", "LOW", "1"));
        String cancelled = api.submit(deployment(cluster, "cancelled", "LOW", "1"));
        String completed = api.submit(deployment(cluster, "completed", "LOW", "1"));
        api.untilStatus(reported, "RUNNING");
        api.untilStatus(completed, "RUNNING");

        api.report(reported, "FAILED");
        api.request().post("/api/v1/deployments/" + cancelled + "/cancel").then().statusCode(200)
                .body("failureReason", equalTo("CANCELLED"));
        api.report(completed, "COMPLETED");

        assertThat(api.get(reported).getString("failureReason")).isEqualTo("FAILED");
        assertThat(api.get(completed).getString("failureReason")).isNull();
        assertThat(api.get(completed).getString("maxRunDuration")).isNull();
    }

    @Test
    void aLimitThatIsNotADurationOrOutOfRangeIsRefusedAndNothingIsStored() {
        UUID cluster = api.newCluster("4", "8Gi");
        for (String wrong : List.of("soon", "0s", "31d", "2w", "-5m", "1.5h", "")) {
            Map<String, Object> request = deployment(cluster, "limited", "LOW", "1");
            request.put("maxRunDuration", wrong);
            api.request().body(request).post("/api/v1/deployments").then().statusCode(422)
                    .body("errors[0].field", equalTo("maxRunDuration"));
        }
        Map<String, Object> longest = deployment(cluster, "longest", "LOW", "1");
        longest.put("maxRunDuration", "30d");
        api.request().body(longest).post("/api/v1/deployments").then().statusCode(202)
                .body("maxRunDuration", equalTo("30d"));
        api.request().get("/api/v1/deployments?clusterId=" + cluster).then().statusCode(200)
                .body("items.name", equalTo(List.of("longest")));
    }
}

package dev.hypervisor.scheduler;

import static dev.hypervisor.scheduler.SchedulerApi.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.scheduler.persistence.DeploymentHistory;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retries ({@code retry: {maxAttempts, on}}) and each deployment's timeline ({@code /history}). */
@QuarkusTest
class RetriesTest {

    private final SchedulerApi api = new SchedulerApi();

    @Inject
    DeploymentHistory timeline;

    @Test
    void aReportedFailureIsRetriedUntilTheAttemptsRunOutAndTheHistoryShowsEachAttempt() throws Exception {
        UUID cluster = api.newCluster("2", "8Gi");
        Map<String, Object> request = deployment(cluster, "flaky", "LOW", "2");
        request.put("retry", Map.of("maxAttempts", 2, "on", List.of("FAILED")));
        String flaky = api.submit(request);
        String behind = api.submit(deployment(cluster, "behind", "LOW", "2"));
        api.untilStatus(flaky, "RUNNING");

        api.report(flaky, "FAILED");

        // back to waiting, ahead of the one submitted after it, and started again
        JsonPath second = api.until(flaky, answer -> answer.getInt("attempts") == 2
                && "RUNNING".equals(answer.getString("status")), "a second attempt");
        assertThat(second.getString("failureReason")).isNull();
        assertThat(api.get(behind).getString("status")).isEqualTo("PENDING");

        api.report(flaky, "FAILED");

        JsonPath failed = api.untilStatus(flaky, "FAILED");
        assertThat(failed.getString("failureReason")).isEqualTo("FAILED");
        assertThat(failed.getInt("attempts")).isEqualTo(2);
        api.untilStatus(behind, "RUNNING");
        List<String> timeline = historyOnceItHas(flaky, 5).getList("items.type");
        assertThat(timeline).containsExactly("DeploymentQueued", "DeploymentPlaced", "DeploymentRetried",
                "DeploymentPlaced", "DeploymentFailed");
        assertThat(historyOnceItHas(flaky, 5).getInt("items[2].data.attempt")).isEqualTo(1);
    }

    @Test
    void aTimeOutRetriesOnlyWhenThePolicyNamesIt() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        Map<String, Object> retried = deployment(cluster, "retried", "LOW", "1");
        retried.put("maxRunDuration", "1s");
        retried.put("retry", Map.of("maxAttempts", 3, "on", List.of("TIMED_OUT")));
        Map<String, Object> notRetried = deployment(cluster, "not-retried", "LOW", "1");
        notRetried.put("maxRunDuration", "1s");
        notRetried.put("retry", Map.of("maxAttempts", 3, "on", List.of("FAILED")));
        String timesOutThrice = api.submit(retried);
        String timesOutOnce = api.submit(notRetried);

        JsonPath once = api.untilStatus(timesOutOnce, "FAILED");
        assertThat(once.getInt("attempts")).isEqualTo(1);
        assertThat(once.getString("failureReason")).isEqualTo("TIMED_OUT");
        JsonPath thrice = api.untilStatus(timesOutThrice, "FAILED");
        assertThat(thrice.getInt("attempts")).isEqualTo(3);
        assertThat(thrice.getString("failureReason")).isEqualTo("TIMED_OUT");
    }

    @Test
    void aPolicyOutOfRangeOrNamingAnUnknownReasonIsRefused() {
        UUID cluster = api.newCluster("4", "8Gi");
        for (Map<String, Object> wrong : List.<Map<String, Object>>of(Map.of("maxAttempts", 0),
                Map.of("maxAttempts", 11), Map.of("maxAttempts", 2, "on", List.of("CANCELLED")))) {
            Map<String, Object> request = deployment(cluster, "refused", "LOW", "1");
            request.put("retry", wrong);
            api.request().body(request).post("/api/v1/deployments").then().statusCode(422)
                    .body("errors[0].field", equalTo(wrong.containsKey("on") ? "retry.on" : "retry.maxAttempts"));
        }
        Map<String, Object> defaults = deployment(cluster, "defaults", "LOW", "1");
        defaults.put("retry", Map.of("maxAttempts", 3));
        api.request().body(defaults).post("/api/v1/deployments").then().statusCode(202)
                .body("retry.on", equalTo(List.of("EXECUTOR_LOST", "FAILED", "TIMED_OUT")))
                .body("attempts", equalTo(0));
        api.request().get("/api/v1/deployments?clusterId=" + cluster).then().statusCode(200)
                .body("items.name", equalTo(List.of("defaults")));
        api.request().get("/api/v1/deployments/" + UUID.randomUUID() + "/history").then().statusCode(404);
    }

    @Test
    void theTimelineLetsGoOfEventsOlderThanItsRetention() throws Exception {
        UUID cluster = api.newCluster("2", "8Gi");
        String old = api.submit(deployment(cluster, "old", "LOW", "1"));
        historyOnceItHas(old, 2); // queued, placed
        Instant cutoff = Instant.now();
        String recent = api.submit(deployment(cluster, "recent", "LOW", "1"));
        historyOnceItHas(recent, 2);

        assertThat(timeline.forgetBefore(cutoff, 10_000)).isGreaterThanOrEqualTo(2);

        assertThat(api.history(old).getList("items")).isEmpty();
        assertThat(api.history(recent).getList("items.type")).containsExactly("DeploymentQueued", "DeploymentPlaced");
    }

    /** The deployment's history, asked until it holds this many events (they show once published). */
    private JsonPath historyOnceItHas(String deployment, int events) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonPath history = api.history(deployment);
        while (history.getList("items").size() < events && System.nanoTime() < deadline) {
            Thread.sleep(50);
            history = api.history(deployment);
        }
        return history;
    }
}

package dev.hypervisor.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.scheduler.standin.ClusterServiceStandIn;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deadlines, leases, retries and gangs together, against the real scheduler, PostgreSQL and Kafka: the test plays a
 * cluster's executor that heartbeats every {@link #ROUND}, completes, fails or silently drops what it runs at random,
 * and once falls silent for longer than the lease (the test profile's, {@link #LEASE}), while deployments with random
 * sizes, gang replicas, run-time limits and retry policies keep arriving. Whatever happened, every attempt ended for
 * a reason the executor gave it: a loss only of what it dropped or while it was silent, a time-out only past the
 * attempt's limit, a failure only when reported; retries follow each policy to the letter; the ledger never holds
 * more than the cluster has, holds every running deployment, and holds nothing once all have ended. The seed is in
 * every message ({@code -Dhv.seed=N} runs one again).
 */
@QuarkusTest
class RandomizedLifecycleTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration ROUND = Duration.ofMillis(700);
    /** Rounds without a heartbeat: longer than the lease. */
    private static final int SILENT_ROUNDS = 7;
    private static final int CAPACITY_CPUS = 6;
    private static final int DEPLOYMENTS = 30;
    private static final List<String> RETRYABLE = List.of("TIMED_OUT", "EXECUTOR_LOST", "FAILED");
    private static final Duration SETTLING = Duration.ofSeconds(90);

    /** What the test asked of a deployment. */
    private record Spec(int cpusPerReplica, int replicas, Duration limit, int maxAttempts, Set<String> retryOn) {
    }

    /** One attempt of a deployment (its n-th placement). */
    private record Attempt(String id, int number) {
    }

    /** A time without heartbeats for a lease or more: from the last one before it to the first one after. */
    private record Silence(Instant from, Instant until) {
    }

    private final SchedulerApi api = new SchedulerApi();
    private final String executor = TestTokens.current().service("executor", PlatformRole.AGENT);
    private final long seed = Long.getLong("hv.seed", System.nanoTime());
    private final Random random = new Random(seed);

    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final Set<Attempt> seen = new HashSet<>();
    private final Set<Attempt> dropped = new HashSet<>();
    private final Set<Attempt> reportedFailed = new HashSet<>();
    private final Set<Attempt> reportedCompleted = new HashSet<>();
    private final List<Silence> silences = new ArrayList<>();
    /** How the attempts ended, by reason: printed, so a run shows what it went through. */
    private final Map<String, Integer> endings = new TreeMap<>();

    @Test
    void everyAttemptEndsForAReasonItsExecutorGaveAndTheLedgerFollows() throws Exception {
        UUID cluster = api.newCluster(String.valueOf(CAPACITY_CPUS), "64Gi");
        int silentFrom = 8 + random.nextInt(8);
        Instant lastBeat = null;
        long settleBy = Long.MAX_VALUE;
        for (int round = 0; ; round++) {
            boolean submitting = specs.size() < DEPLOYMENTS;
            if (submitting) {
                for (int i = random.nextInt(3); i > 0 && specs.size() < DEPLOYMENTS; i--) {
                    submit(cluster);
                }
            } else if (settleBy == Long.MAX_VALUE) {
                settleBy = System.nanoTime() + SETTLING.toNanos();
            }
            List<Attempt> running = runningOn(cluster);
            if (!submitting && running.isEmpty() && allEnded()) {
                break;
            }
            assertThat(System.nanoTime()).as("seed %d: everything ended within %s", seed, SETTLING)
                    .isLessThan(settleBy);
            List<String> listed = new ArrayList<>();
            for (Attempt attempt : running) {
                act(attempt, submitting);
                if (!dropped.contains(attempt)) {
                    listed.add(attempt.id());
                }
            }
            if (round < silentFrom || round >= silentFrom + SILENT_ROUNDS) {
                Instant sending = Instant.now();
                heartbeat(cluster, listed);
                // the one silence meant, or rounds that took longer than the lease on a slow machine
                if (lastBeat != null && !Duration.between(lastBeat, sending).minus(LEASE).isNegative()) {
                    silences.add(new Silence(lastBeat, Instant.now()));
                }
                lastBeat = sending;
            }
            Thread.sleep(ROUND.toMillis()); // the executor's pace: a heartbeat a round
        }

        for (Map.Entry<String, Spec> deployment : specs.entrySet()) {
            checkAttempts(deployment.getKey(), deployment.getValue());
        }
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster)).as("seed %d: the claims once all ended", seed).isEmpty();
        System.out.printf("seed %d: %d deployments, attempts ended %s, silences %s%n", seed, specs.size(), endings,
                silences);
    }

    private void submit(UUID cluster) {
        int cpus = 1 + random.nextInt(2);
        int replicas = 1 + random.nextInt(2);
        Duration limit = List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(3)).get(random.nextInt(3));
        int maxAttempts = 1 + random.nextInt(3);
        Set<String> retryOn = new HashSet<>();
        RETRYABLE.forEach(reason -> {
            if (maxAttempts > 1 && random.nextBoolean()) {
                retryOn.add(reason);
            }
        });
        Map<String, Object> request = SchedulerApi.deployment(cluster, "random-" + specs.size(), "LOW",
                String.valueOf(cpus));
        request.put("replicas", replicas);
        if (!limit.isZero()) {
            request.put("maxRunDuration", limit.toSeconds() + "s");
        }
        if (!retryOn.isEmpty()) {
            request.put("retry", Map.of("maxAttempts", maxAttempts, "on", List.copyOf(retryOn)));
        }
        specs.put(api.submit(request), new Spec(cpus, replicas, limit.isZero() ? null : limit,
                retryOn.isEmpty() ? 1 : maxAttempts, retryOn));
    }

    /**
     * What the executor does with an attempt it runs, decided when it first sees it: complete it, fail it, drop it
     * without a word, or let it run (to its limit, or until all have arrived, when it completes it).
     */
    private void act(Attempt attempt, boolean submitting) {
        if (!seen.add(attempt)) {
            if (!submitting && !dropped.contains(attempt) && !reportedCompleted.contains(attempt)) {
                report(attempt, "COMPLETED", reportedCompleted);
            }
            return;
        }
        double draw = random.nextDouble();
        if (draw < 0.15) {
            report(attempt, "COMPLETED", reportedCompleted);
        } else if (draw < 0.27) {
            report(attempt, "FAILED", reportedFailed);
        } else if (draw < 0.4) {
            dropped.add(attempt);
        }
    }

    /** Reports the attempt's end; it may have ended otherwise meanwhile (409), and then the report is not its end. */
    private void report(Attempt attempt, String status, Set<Attempt> reported) {
        int answer = api.request().body(Map.of("status", status, "message", "the random executor"))
                .post("/api/v1/deployments/" + attempt.id() + "/status").then().extract().statusCode();
        assertThat(answer).as("seed %d: report %s of %s", seed, status, attempt).isIn(200, 409);
        if (answer == 200) {
            reported.add(attempt);
        }
    }

    private void heartbeat(UUID cluster, List<String> running) {
        given().auth().oauth2(executor).contentType(ContentType.JSON)
                .body(Map.of("executorId", "random-executor", "running", running))
                .post("/api/v1/clusters/" + cluster + "/executor/heartbeat").then().statusCode(202);
    }

    /**
     * The attempts running on the cluster, checked against the ledger: it holds no more than the cluster has, and
     * every attempt that ran both before and after the claims were read (so all the while) holds one.
     */
    private List<Attempt> runningOn(UUID cluster) {
        List<Attempt> before = running(cluster);
        Map<String, Map<String, Object>> claims = ClusterServiceStandIn.claimsOn(cluster);
        List<Attempt> after = running(cluster);
        long claimedMillis = claims.values().stream().mapToLong(claim -> ((Number) claim.get("cpuMillis")).longValue())
                .sum();
        assertThat(claimedMillis).as("seed %d: cpu claimed on the cluster", seed)
                .isLessThanOrEqualTo(CAPACITY_CPUS * 1000L);
        List<String> throughout = before.stream().filter(after::contains).map(Attempt::id).toList();
        assertThat(claims.keySet()).as("seed %d: the claims hold every running deployment", seed)
                .containsAll(throughout);
        return after;
    }

    private List<Attempt> running(UUID cluster) {
        JsonPath page = api.request().queryParam("clusterId", cluster).queryParam("status", "RUNNING")
                .queryParam("limit", 100).get("/api/v1/deployments").then().statusCode(200).extract().jsonPath();
        List<Attempt> running = new ArrayList<>();
        List<String> ids = page.getList("items.id", String.class);
        List<Integer> attempts = page.getList("items.attempts", Integer.class);
        for (int i = 0; i < ids.size(); i++) {
            running.add(new Attempt(ids.get(i), attempts.get(i)));
        }
        return running;
    }

    private boolean allEnded() {
        return specs.keySet().stream().map(api::get).map(answer -> answer.getString("status"))
                .allMatch(status -> status.equals("COMPLETED") || status.equals("FAILED"));
    }

    /** Each attempt of the deployment, from its timeline: how it ended, and whether it was retried. */
    private void checkAttempts(String id, Spec spec) throws InterruptedException {
        JsonPath deployment = api.get(id);
        List<Map<String, Object>> timeline = endedTimeline(id);
        int attempt = 0;
        Instant startedAt = null;
        for (Map<String, Object> event : timeline) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) event.get("data");
            String type = (String) event.get("type");
            if (type.equals("DeploymentPlaced")) {
                attempt++;
                startedAt = Instant.parse((String) data.get("startedAt"));
                continue;
            }
            Attempt ended = new Attempt(id, attempt);
            String what = String.format("seed %d: attempt %d of %s (%s), %s", seed, attempt, id, spec, type);
            switch (type) {
                case "DeploymentRetried" -> {
                    String reason = (String) data.get("reason");
                    assertThat(spec.retryOn()).as(what).contains(reason);
                    assertThat(attempt).as(what).isLessThan(spec.maxAttempts());
                    checkEnd(ended, reason, startedAt, Instant.parse((String) data.get("endedAt")), spec, what);
                }
                case "DeploymentFailed" -> {
                    // the event keeps REPORTED for a reported failure, which failureReason (and retry.on) call FAILED
                    String reason = "REPORTED".equals(data.get("reason")) ? "FAILED" : (String) data.get("reason");
                    assertThat(deployment.getString("failureReason")).as(what).isEqualTo(reason);
                    assertThat(spec.retryOn().contains(reason) && attempt < spec.maxAttempts())
                            .as(what + ": ended though its policy retries " + reason).isFalse();
                    checkEnd(ended, reason, startedAt, Instant.parse((String) data.get("finishedAt")), spec, what);
                }
                case "DeploymentCompleted" -> {
                    assertThat(reportedCompleted).as(what).contains(ended);
                    endings.merge("COMPLETED", 1, Integer::sum);
                }
                default -> assertThat(type).as(what).isEqualTo("DeploymentQueued");
            }
        }
        assertThat(deployment.getInt("attempts")).as("seed %d: attempts of %s", seed, id).isEqualTo(attempt)
                .isBetween(1, spec.maxAttempts());
        for (Attempt gone : dropped) {
            if (gone.id().equals(id) && gone.number() == attempt) {
                assertThat(deployment.getString("status")).as("seed %d: %s, dropped", seed, gone).isEqualTo("FAILED");
            }
        }
    }

    /** An attempt that ended with {@code reason} had it coming. */
    private void checkEnd(Attempt attempt, String reason, Instant startedAt, Instant endedAt, Spec spec, String what) {
        endings.merge(reason, 1, Integer::sum);
        switch (reason) {
            case "TIMED_OUT" -> {
                assertThat(spec.limit()).as(what + ": a limit").isNotNull();
                assertThat(Duration.between(startedAt, endedAt)).as(what + ": ran")
                        .isGreaterThanOrEqualTo(spec.limit());
            }
            case "EXECUTOR_LOST" -> assertThat(dropped.contains(attempt) || silences.stream().anyMatch(silence ->
                    startedAt.isBefore(silence.until()) && !endedAt.isBefore(silence.from().plus(LEASE))))
                    .as(what + ": dropped by its executor, or lost while the executor was silent (%s)", silences)
                    .isTrue();
            case "FAILED" -> assertThat(reportedFailed).as(what).contains(attempt);
            default -> throw new AssertionError(what + ": ended for " + reason);
        }
    }

    /** The deployment's timeline once it holds its final event (events show once published). */
    private List<Map<String, Object>> endedTimeline(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<Map<String, Object>> items = api.history(id).getList("items");
            String last = items.isEmpty() ? "" : (String) items.get(items.size() - 1).get("type");
            if (last.equals("DeploymentCompleted") || last.equals("DeploymentFailed")) {
                return items;
            }
            assertThat(System.nanoTime()).as("seed %d: the timeline of %s ends: %s", seed, id, items)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}

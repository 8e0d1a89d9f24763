package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.IMAGE;
import static dev.hypervisor.e2e.Gateway.RUN_FOR;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.pollUntil;
import static dev.hypervisor.e2e.Gateway.runningFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.resources.Resources;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Machine failures under load: while deployments stream in through Kafka, the scheduler instances and
 * cluster-service are killed ({@code SIGKILL}, mid-pass, mid-claim: whatever they were doing) and started again
 * by the stack. Afterwards every requested deployment exists once and ended once, each was placed by exactly one
 * placement event, every deployment still running holds exactly one claim and every claim belongs to one, and the
 * ledger's own audit adds up. While cluster-service is down, deployments for known clusters are still accepted.
 */
@ExtendWith(SharedStack.class)
class CrashAndRestartIT {

    private static final int CLUSTERS = 6;
    private static final int DEPLOYMENTS = 3_000;
    private static final int PER_SECOND = 50;
    /** Deployments per cluster that run until told otherwise, so the end state has running ones to check. */
    private static final int LONG_RUNNING_PER_CLUSTER = 2;
    private static final Resources SMALL = Resources.of("500m", "512Mi", 0);
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void killedSchedulersAndClusterServiceLoseNothingAndDoubleNothing(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "crash-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        List<UUID> clusters = new ArrayList<>();
        for (int i = 0; i < CLUSTERS; i++) {
            clusters.add(UUID.fromString(newCluster(stack, token, organization.getString("id"), "crash-" + i,
                    Map.of("cpu", "4", "memory", "16Gi"))));
        }
        Map<UUID, UUID> clusterOf = new ConcurrentHashMap<>();
        Set<UUID> longRunning = ConcurrentHashMap.newKeySet();

        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> publish(stack, clusters, clusterOf,
                longRunning));
        for (String victim : List.of("scheduler-service", "scheduler-service-2", "cluster-service",
                "scheduler-service", "scheduler-service-2")) {
            pauseAFewSeconds();
            stack.kill(victim);
            if (victim.equals("cluster-service")) {
                acceptedWhileClusterServiceIsDown(stack, token, clusters, clusterOf);
            }
            StackUnderTest.awaitReady(urlOf(stack, victim), RESTART_TIMEOUT);
        }
        load.get(5, TimeUnit.MINUTES);

        String reader = stack.schedulers().get(1);
        for (UUID cluster : clusters) {
            Set<UUID> requested = new HashSet<>();
            Set<UUID> running = new HashSet<>();
            clusterOf.forEach((deployment, on) -> {
                if (on.equals(cluster)) {
                    requested.add(deployment);
                    if (longRunning.contains(deployment)) {
                        running.add(deployment);
                    }
                }
            });
            Map<UUID, String> statuses = eventuallySettled(reader, token, cluster, running.size());
            assertThat(statuses.keySet()).as("the deployments of cluster %s, each once", cluster)
                    .containsExactlyInAnyOrderElementsOf(requested);
            statuses.forEach((deployment, status) -> assertThat(status).as("%s", deployment)
                    .isEqualTo(running.contains(deployment) ? "RUNNING" : "COMPLETED"));
            // an ended deployment's claim goes with its cluster's next ledger batch, a moment after its end
            assertThat(eventuallyClaimedBy(stack, token, cluster, running)).as("the claims on cluster %s", cluster)
                    .containsExactlyInAnyOrderElementsOf(running);
        }

        Set<String> deployments = new HashSet<>();
        clusterOf.keySet().forEach(id -> deployments.add(id.toString()));
        Map<String, Set<UUID>> placements = DeploymentEventsTopic.placementsOf(stack, deployments);
        assertThat(deployments).allSatisfy(id -> assertThat(placements.getOrDefault(id, Set.of()))
                .as("distinct placement events of %s", id).hasSize(1));
        RestAssured.given().baseUri(stack.clusterService()).get("/q/health/group/ledger").then().statusCode(200);

        for (UUID deployment : longRunning) {
            RestAssured.given().baseUri(reader).auth().oauth2(token).post("/api/v1/deployments/" + deployment
                    + "/cancel").then().statusCode(200);
        }
    }

    /** While cluster-service is down, both instances still accept deployments for clusters they know, and queue them. */
    private static void acceptedWhileClusterServiceIsDown(StackUnderTest stack, String token, List<UUID> clusters,
                                                          Map<UUID, UUID> clusterOf) throws InterruptedException {
        assertThat(isDown(stack.clusterService())).as("cluster-service is down").isTrue();
        for (String scheduler : stack.schedulers()) {
            UUID cluster = clusters.get(ThreadLocalRandom.current().nextInt(CLUSTERS));
            String id = RestAssured.given().baseUri(scheduler).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(runningFor(deploymentRequest(cluster.toString(), "while-cluster-service-is-down", "MEDIUM",
                            "500m", "512Mi"), "300ms"))
                    .post("/api/v1/deployments").then().statusCode(202).extract().path("id");
            clusterOf.put(UUID.fromString(id), cluster);
        }
    }

    private static String urlOf(StackUnderTest stack, String process) {
        return switch (process) {
            case "cluster-service" -> stack.clusterService();
            case "scheduler-service" -> stack.schedulers().get(0);
            default -> stack.schedulers().get(1);
        };
    }

    /** Requests the deployments through Kafka at a steady rate, each for a cluster in turn. */
    private static void publish(StackUnderTest stack, List<UUID> clusters, Map<UUID, UUID> clusterOf,
                                Set<UUID> longRunning) {
        try (RequestedTopic topic = new RequestedTopic(stack)) {
            long start = System.nanoTime();
            for (int i = 0; i < DEPLOYMENTS; i++) {
                UUID cluster = clusters.get(i % clusters.size());
                UUID id = UUID.randomUUID();
                boolean runsOn = i >= DEPLOYMENTS - CLUSTERS * LONG_RUNNING_PER_CLUSTER;
                Map<String, String> labels = runsOn ? Map.of() : Map.of(RUN_FOR, "300ms");
                topic.request(new DeploymentRequested(id, cluster, "job-" + i, IMAGE,
                        SMALL, Priority.MEDIUM, List.of(), labels, null));
                clusterOf.put(id, cluster);
                if (runsOn) {
                    longRunning.add(id);
                }
                long due = start + TimeUnit.SECONDS.toNanos(1) * (i + 1) / PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing the requests failed", e);
        }
    }

    /** The status of every deployment of the cluster, once all have ended but the ones meant to keep running. */
    private static Map<UUID, String> eventuallySettled(String scheduler, String token, UUID cluster,
                                                       int stillRunning) throws InterruptedException {
        return pollUntil(() -> statusesOn(scheduler, token, cluster), statuses -> {
            long unsettled = statuses.values().stream().filter(status -> !status.equals("COMPLETED")).count();
            long running = statuses.values().stream().filter(status -> status.equals("RUNNING")).count();
            return unsettled == stillRunning && running == stillRunning;
        }, Duration.ofMinutes(3));
    }

    private static Map<UUID, String> statusesOn(String scheduler, String token, UUID cluster) {
        Map<UUID, String> statuses = new HashMap<>();
        String cursor = null;
        do {
            var request = RestAssured.given().baseUri(scheduler).auth().oauth2(token)
                    .queryParam("clusterId", cluster).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/deployments").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id", String.class);
            List<String> states = page.getList("items.status", String.class);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(statuses.put(UUID.fromString(ids.get(i)), states.get(i))).as("listed once: %s", ids.get(i))
                        .isNull();
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return statuses;
    }

    /** The holders of the cluster's claims once they are exactly the expected ones, or at the deadline. */
    private static Set<UUID> eventuallyClaimedBy(StackUnderTest stack, String token, UUID cluster, Set<UUID> expected)
            throws InterruptedException {
        return pollUntil(() -> claimHolders(stack, token, cluster), expected::equals, Duration.ofSeconds(60));
    }

    private static Set<UUID> claimHolders(StackUnderTest stack, String token, UUID cluster) {
        JsonPath claims = RestAssured.given().baseUri(stack.clusterService()).auth().oauth2(token)
                .queryParam("limit", 500).get("/api/v1/clusters/" + cluster + "/allocations")
                .then().statusCode(200).extract().jsonPath();
        List<String> holders = claims.getList("items.consumerId", String.class);
        Set<UUID> distinct = new HashSet<>();
        holders.forEach(holder -> assertThat(distinct.add(UUID.fromString(holder))).as("one claim each").isTrue());
        return distinct;
    }

    private static boolean isDown(String baseUrl) throws InterruptedException {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/live")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    /** A random moment within the next few seconds, so kills land anywhere in a pass. */
    private static void pauseAFewSeconds() throws InterruptedException {
        Thread.sleep(1_000 + ThreadLocalRandom.current().nextInt(3_000));
    }
}

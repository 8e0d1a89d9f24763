package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.IMAGE;
import static dev.hypervisor.e2e.Gateway.RUN_FOR;
import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.runningFor;
import static dev.hypervisor.e2e.Gateway.submit;
import static dev.hypervisor.e2e.Gateway.untilStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.resources.Resources;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two teams sharing a cluster of 10 CPUs by their queues, through the gateway of a running stack: one floods it,
 * borrows up to its limit, and still leaves the other its share as capacity frees; lent capacity is reclaimed by
 * preempting the borrower. The queue listing's figures are checked against the cluster's allocation throughout.
 */
@ExtendWith(SharedStack.class)
class QueuesThroughGatewayIT {

    private static final int FLOOD = 2_000;
    private static final int STEADY = 20;

    @Test
    void theOtherTeamsDeploymentsStartByTheirShareWhileOneTeamFloodsTheCluster(StackUnderTest stack)
            throws Exception {
        Team team = Team.newOne(stack, "NEVER");
        team.defineQueue("flood", "4", "3", false);
        team.defineQueue("steady", "6", null, true);

        try (RequestedTopic topic = new RequestedTopic(stack)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                sent.add(topic.requestLater(new DeploymentRequested(UUID.randomUUID(), UUID.fromString(team.cluster),
                        "flood-" + i, IMAGE, Resources.of("1", "1Gi", 0), Priority.LOW, List.of(),
                        Map.of(RUN_FOR, "200ms"), null, "flood")));
            }
            for (Future<?> delivery : sent) {
                delivery.get();
            }
        }
        JsonPath borrowing = team.queuesOnce(queues -> "7".equals(queues.getString(usage("flood", "cpu")))
                && "3".equals(queues.getString(borrowed("flood", "cpu"))), "the flood to borrow up to its limit");
        assertThat(borrowing.getString(usage("steady", "cpu"))).isEqualTo("0");

        List<String> steady = new ArrayList<>();
        for (int i = 0; i < STEADY; i++) {
            // long enough that the listing, read a few times a second, sees the steady team at its height
            Map<String, Object> request = runningFor(deploymentRequest(team.cluster, "steady-" + i, "LOW", "1"), "3s");
            request.put("queue", "steady");
            steady.add(submit(stack, team.token, request));
        }
        int mostSteadyRunning = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Set<String> completed = new HashSet<>();
        while (completed.size() < STEADY) {
            assertThat(System.nanoTime()).as("the steady team's deployments to complete").isLessThan(deadline);
            JsonPath queues = team.queues();
            assertThat(cpus(queues.getString(usage("flood", "cpu")))).as("flood within quota plus borrowing limit")
                    .isLessThanOrEqualTo(7);
            assertThat(cpus(queues.getString(usage("flood", "cpu"))) + cpus(queues.getString(usage("steady", "cpu"))))
                    .as("both queues within the cluster").isLessThanOrEqualTo(10);
            mostSteadyRunning = Math.max(mostSteadyRunning, queues.getInt(field("steady", "running")));
            for (String deployment : steady) {
                if (!completed.contains(deployment) && "COMPLETED".equals(
                        as(stack, team.token).get("/api/v1/deployments/" + deployment).then().statusCode(200)
                                .extract().path("status"))) {
                    completed.add(deployment);
                }
            }
            Thread.sleep(100);
        }
        assertThat(team.queues().getInt(field("flood", "pending"))).as("the steady team did not wait for the flood")
                .isGreaterThan(FLOOD / 2);
        assertThat(mostSteadyRunning).as("the steady team came to run more than the 3 CPUs left free at first: flood's"
                + " freed capacity went to the team with the lower share").isGreaterThanOrEqualTo(5);
    }

    @Test
    void lentCapacityIsReclaimedByPreemptingTheBorrowerWhateverItsPriority(StackUnderTest stack) throws Exception {
        Team team = Team.newOne(stack, "LOWER_PRIORITY");
        String owner = as(stack, team.token).get("/api/v1/users/me").then().statusCode(200).extract().path("id");
        String stranger = UUID.randomUUID().toString();
        as(stack, team.token).contentType(ContentType.JSON)
                .body(Map.of("quota", Map.of("cpu", "4", "memory", "16Gi"), "members", List.of(owner, stranger)))
                .put("/api/v1/clusters/" + team.cluster + "/queues/vision").then().statusCode(422)
                .body("errors[0].field", equalTo("members")).body("errors[0].message", containsString(stranger));
        team.defineQueue("vision", "4", null, true);
        team.defineQueue("speech", "6", null, false);

        List<String> vision = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            vision.add(submit(stack, team.token, deploymentRequest(team.cluster, "train-" + i, "HIGH", "1")));
        }
        JsonPath lent = team.queuesOnce(queues -> queues.getInt(field("vision", "running")) == 10,
                "vision to run on the whole cluster");
        assertThat(lent.getString(borrowed("vision", "cpu"))).isEqualTo("6");
        team.assertListingMatchesAllocation("10");

        List<String> speech = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> request = deploymentRequest(team.cluster, "asr-" + i, "LOW", "1");
            request.put("queue", "speech");
            speech.add(submit(stack, team.token, request));
        }
        for (String deployment : speech) {
            assertThat(untilStatus(stack, team.token, deployment, "RUNNING").getString("queue")).isEqualTo("speech");
        }
        JsonPath reclaimed = team.queuesOnce(queues -> queues.getInt(field("vision", "pending")) == 4,
                "four of vision's deployments to wait again");
        assertThat(reclaimed.getString(usage("vision", "cpu"))).isEqualTo("6");
        assertThat(reclaimed.getString(borrowed("vision", "cpu"))).isEqualTo("2");
        assertThat(reclaimed.getString(usage("speech", "cpu"))).isEqualTo("4");
        team.assertListingMatchesAllocation("10");

        Set<String> preempted = new HashSet<>();
        for (String deployment : vision) {
            JsonPath view = as(stack, team.token).get("/api/v1/deployments/" + deployment).then().statusCode(200)
                    .extract().jsonPath();
            if (view.getInt("preemptions") > 0) {
                preempted.add(deployment);
                assertThat(view.getString("status")).isEqualTo("PENDING");
            }
        }
        assertThat(preempted).as("HIGH deployments gave back what LOW ones of the lender's queue needed").hasSize(4);
        assertThat(DeploymentEventsTopic.preemptionReasonsOf(stack, preempted).values())
                .containsOnly(List.of(DeploymentPreempted.RECLAIMED));
    }

    private static String usage(String queue, String resource) {
        return field(queue, "usage." + resource);
    }

    private static String borrowed(String queue, String resource) {
        return field(queue, "borrowed." + resource);
    }

    private static String field(String queue, String path) {
        return "items.find { it.name == '" + queue + "' }." + path;
    }

    private static int cpus(String quantity) {
        return Integer.parseInt(quantity);
    }

    /** An organization with one cluster of 10 CPUs and 40Gi that its owner divides into queues. */
    private record Team(StackUnderTest stack, String token, String cluster) {

        static Team newOne(StackUnderTest stack, String preemption) {
            JsonPath organization = newOrganization(stack, "teams-" + UUID.randomUUID().toString().substring(0, 8));
            String token = organization.getString("accessToken");
            String cluster = as(stack, token).contentType(ContentType.JSON)
                    .body(Map.of("name", "shared", "organizationId", organization.getString("id"),
                            "capacity", Map.of("cpu", "10", "memory", "40Gi"), "preemption", preemption))
                    .post("/api/v1/clusters").then().statusCode(201).extract().path("id");
            return new Team(stack, token, cluster);
        }

        /** A queue with this many CPUs (and 4Gi per CPU), borrowing at most {@code borrowingCpus} when given. */
        void defineQueue(String name, String cpus, String borrowingCpus, boolean isDefault) {
            Map<String, Object> queue = new HashMap<>();
            queue.put("quota", Map.of("cpu", cpus, "memory", Integer.parseInt(cpus) * 4 + "Gi"));
            if (borrowingCpus != null) {
                queue.put("borrowingLimit", Map.of("cpu", borrowingCpus, "memory", "40Gi"));
            }
            queue.put("default", isDefault);
            as(stack, token).contentType(ContentType.JSON).body(queue)
                    .put("/api/v1/clusters/" + cluster + "/queues/" + name).then().statusCode(201);
        }

        JsonPath queues() {
            return as(stack, token).get("/api/v1/clusters/" + cluster + "/queues").then().statusCode(200).extract()
                    .jsonPath();
        }

        JsonPath queuesOnce(Predicate<JsonPath> condition, String what)
                throws InterruptedException {
            return eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster + "/queues"), condition,
                    what, Duration.ofSeconds(60));
        }

        /** On a cluster at rest: the queues' usage adds up to what the ledger says is allocated. */
        void assertListingMatchesAllocation(String cpus) {
            JsonPath queues = queues();
            int used = queues.getList("items.usage.cpu", String.class).stream().mapToInt(QueuesThroughGatewayIT::cpus)
                    .sum();
            String allocated = as(stack, token).get("/api/v1/clusters/" + cluster).then().statusCode(200).extract()
                    .path("allocated.cpu");
            assertThat(allocated).isEqualTo(cpus);
            assertThat(used).as("the queues' usage against the cluster's allocation").isEqualTo(cpus(allocated));
        }
    }
}

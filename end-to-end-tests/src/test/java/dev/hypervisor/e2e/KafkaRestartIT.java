package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.IMAGE;
import static dev.hypervisor.e2e.Gateway.RUN_FOR;
import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.pollUntil;
import static dev.hypervisor.e2e.Gateway.runningFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.resources.Resources;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kafka broker is killed ({@code SIGKILL}) while deployments flow through both doors, and the stack starts it
 * again on its data and port, as Kubernetes restarts a broker pod. Requests keep being accepted meanwhile (REST
 * straight away; an external producer's events wait in its buffer), and afterwards the intake and the events
 * resume by themselves: every deployment requested before, during and after the restart completes, and the
 * events topic tells each one's whole life exactly once, in order: queued, placed, completed. Nothing is skipped
 * (an event lost with the broker, or never sent from the outbox) and nothing is doubled.
 */
@ExtendWith(SharedStack.class)
class KafkaRestartIT {

    private static final int PER_PHASE = 5;
    private static final Resources SMALL = Resources.of("500m", "512Mi", 0);
    private static final Duration COMPLETION = Duration.ofMinutes(3);
    private static final Duration RESTART = Duration.ofMinutes(2);
    private static final List<String> WHOLE_LIFE = List.of("DeploymentQueued", "DeploymentPlaced",
            "DeploymentCompleted");

    @Test
    void intakeAndEventsResumeAfterTheBrokerRestartsAndNoEventIsSkipped(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "kafka-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "through-a-broker-restart",
                Map.of("cpu", "2", "memory", "8Gi"));
        List<String> deployments = new ArrayList<>();

        try (RequestedTopic topic = new RequestedTopic(stack)) {
            for (int i = 0; i < PER_PHASE; i++) {
                deployments.add(submit(stack, token, cluster, "before-rest-" + i));
                deployments.add(request(topic, cluster, "before-kafka-" + i));
            }

            long killed = stack.kill("kafka");

            for (int i = 0; i < PER_PHASE; i++) {
                deployments.add(submit(stack, token, cluster, "during-rest-" + i));
            }
            // An external producer publishes as usual: its records wait in its buffer until the broker is back.
            List<Future<RecordMetadata>> waiting = new ArrayList<>();
            for (int i = 0; i < PER_PHASE; i++) {
                UUID id = UUID.randomUUID();
                waiting.add(topic.requestLater(requested(id, cluster, "during-kafka-" + i)));
                deployments.add(id.toString());
            }
            pollUntil(() -> recordedKafka(stack), pid -> pid != killed, RESTART);
            for (Future<RecordMetadata> published : waiting) {
                published.get(RESTART.toSeconds(), TimeUnit.SECONDS); // the broker took what waited
            }

            for (int i = 0; i < PER_PHASE; i++) {
                deployments.add(submit(stack, token, cluster, "after-rest-" + i));
                deployments.add(request(topic, cluster, "after-kafka-" + i));
            }
        }

        for (String deployment : deployments) {
            eventually(() -> as(stack, token).get("/api/v1/deployments/" + deployment),
                    answer -> "COMPLETED".equals(answer.getString("status")), deployment + " to complete", COMPLETION);
        }
        eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster),
                answer -> "2".equals(answer.getString("available.cpu")), "the cluster to have its capacity back");
        as(stack, token).get("/api/v1/clusters/" + cluster + "/allocations").then().statusCode(200)
                .body("items.size()", equalTo(0));

        // The outbox may still be sending the last completions: wait until every life is told, then check each.
        Set<String> all = new HashSet<>(deployments);
        Map<String, List<String>> histories = pollUntil(() -> readHistories(stack, all),
                read -> all.stream().allMatch(id -> read.getOrDefault(id, List.of()).size() >= WHOLE_LIFE.size()),
                Duration.ofSeconds(60));
        for (String deployment : deployments) {
            assertThat(histories.get(deployment)).as("the events of " + deployment).isEqualTo(WHOLE_LIFE);
        }
    }

    private static Map<String, List<String>> readHistories(StackUnderTest stack, Set<String> deployments) {
        try {
            return DeploymentEventsTopic.historiesOf(stack, deployments);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the events topic", e);
        }
    }

    private static String submit(StackUnderTest stack, String token, String cluster, String name) {
        return Gateway.submit(stack, token, runningFor(deploymentRequest(cluster, name, "MEDIUM", "500m", "512Mi"),
                "300ms"));
    }

    /** Publishes a request as an external producer does and waits until the broker has it. */
    private static String request(RequestedTopic topic, String cluster, String name) throws Exception {
        UUID id = UUID.randomUUID();
        topic.request(requested(id, cluster, name));
        return id.toString();
    }

    private static DeploymentRequested requested(UUID id, String cluster, String name) {
        return new DeploymentRequested(id, UUID.fromString(cluster), name, IMAGE, SMALL,
                Priority.MEDIUM, List.of(), Map.of(RUN_FOR, "300ms"), null);
    }

    /** The process id of the broker as the stack last recorded it. */
    private static long recordedKafka(StackUnderTest stack) {
        try {
            return stack.recordedProcess("kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

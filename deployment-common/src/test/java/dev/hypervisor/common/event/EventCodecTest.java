package dev.hypervisor.common.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hypervisor.common.deployment.ReportedStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.deployment.RetryPolicy;
import dev.hypervisor.common.json.JsonRules;
import dev.hypervisor.common.resources.Resources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final UUID DEPLOYMENT = UUID.fromString("6f1c1b9e-0000-4000-8000-000000000001");
    private static final UUID CLUSTER = UUID.fromString("6f1c1b9e-0000-4000-8000-000000000002");
    private static final UUID OTHER = UUID.fromString("6f1c1b9e-0000-4000-8000-000000000003");
    private static final Resources RESOURCES = Resources.of("1500m", "2Gi", 1);
    private static final Instant AT = Instant.parse("2026-11-22T09:59:58.123Z");

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = JsonRules.newMapper();

    static Stream<DeploymentEvent> oneOfEachKind() {
        return Stream.of(
                new DeploymentRequested(DEPLOYMENT, CLUSTER, "train", "registry.local/train:1", RESOURCES,
                        Priority.HIGH, List.of(OTHER), Map.of("team", "vision"), OTHER, "vision", "2h",
                        new RetryPolicy(3, List.of("FAILED", "TIMED_OUT"))),
                new DeploymentQueued(DEPLOYMENT, CLUSTER, OTHER, "train", Priority.LOW, RESOURCES, List.of(OTHER), AT),
                new DeploymentPlaced(DEPLOYMENT, CLUSTER, "train", "registry.local/train:1", RESOURCES,
                        Priority.MEDIUM, Map.of("hypervisor.dev/run-for", "30s"), AT, 4, OTHER, Duration.ofMinutes(90),
                        2),
                new DeploymentRejected(DEPLOYMENT, CLUSTER, "EXCEEDS_CLUSTER_CAPACITY", "asks for 9 GPUs of 8"),
                new DeploymentPreempting(DEPLOYMENT, CLUSTER, OTHER, AT, DeploymentPreempted.PREEMPTED),
                new DeploymentPreempted(DEPLOYMENT, CLUSTER, OTHER, 2, DeploymentPreempted.RECLAIMED),
                new DeploymentCompleted(DEPLOYMENT, CLUSTER, "done", AT),
                new DeploymentFailed(DEPLOYMENT, CLUSTER, "DEPENDENCY_FAILED", "prepare failed", AT),
                new DeploymentRetried(DEPLOYMENT, CLUSTER, 1, "TIMED_OUT", "ran longer than its maxRunDuration", AT),
                new DeploymentCancelled(DEPLOYMENT, CLUSTER, OTHER, AT),
                new DeploymentStatusReported(DEPLOYMENT, CLUSTER, ReportedStatus.STOPPED, "checkpointed"),
                new ExecutorHeartbeat(CLUSTER, "executor-1", List.of(DEPLOYMENT, OTHER), AT));
    }

    @Test
    void everyKindOfEventIsCovered() {
        assertThat(oneOfEachKind().map(EventType::of))
                .containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneOfEachKind")
    void everyEventSurvivesARoundTrip(DeploymentEvent data) {
        EventEnvelope<DeploymentEvent> event = EventEnvelope.of("scheduler-service", data, CLOCK);

        EventEnvelope<DeploymentEvent> read = codec.decode(codec.encode(event));

        assertThat(read).isEqualTo(event);
        assertThat(read.eventType().topic()).isEqualTo(EventType.of(data).topic());
    }

    @Test
    void writesTheDocumentedEnvelope() throws Exception {
        EventEnvelope<DeploymentCompleted> event =
                EventEnvelope.of("scheduler-service", new DeploymentCompleted(DEPLOYMENT, CLUSTER, "done", AT), CLOCK);

        JsonNode written = json.readTree(codec.encode(event));

        assertThat(written.get("id").asText()).isEqualTo(event.id().toString());
        assertThat(written.get("type").asText()).isEqualTo("DeploymentCompleted");
        assertThat(written.get("time").asText()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(written.get("source").asText()).isEqualTo("scheduler-service");
        assertThat(written.get("subject").asText()).isEqualTo(DEPLOYMENT.toString());
        assertThat(written.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(written.get("data").get("finishedAt").asText()).isEqualTo("2026-11-22T09:59:58.123Z");
        assertThat(event.key()).isEqualTo(CLUSTER.toString());
    }

    @Test
    void ignoresFieldsAddedByNewerWriters() throws Exception {
        EventEnvelope<DeploymentEvent> event = EventEnvelope.of("scheduler-service",
                new DeploymentPlaced(DEPLOYMENT, CLUSTER, "train", "img:1", RESOURCES, Priority.LOW, Map.of(), AT),
                CLOCK);
        ObjectNode tree = (ObjectNode) json.readTree(codec.encode(event));
        tree.put("traceparent", "00-abc-def-01");
        tree.put("schemaVersion", 2);
        ((ObjectNode) tree.get("data")).put("node", "gpu-node-7");
        ((ObjectNode) tree.get("data").get("resources")).put("ephemeralStorage", "1Gi");

        EventEnvelope<DeploymentEvent> read = codec.decode(json.writeValueAsBytes(tree));

        assertThat(read.data()).isEqualTo(event.data());
        assertThat(read.schemaVersion()).isEqualTo(2);
    }

    @Test
    void aRequestFromAnExternalProducerNeedsOnlyTheEssentials() {
        String minimal = """
                {"id": "%s", "type": "DeploymentRequested", "time": "2026-11-22T10:00:00Z",
                 "data": {"clusterId": "%s", "name": "train", "image": "img:1",
                          "resources": {"cpu": 1, "memory": "1Gi"}, "priority": "LOW"}}
                """.formatted(OTHER, CLUSTER);

        DeploymentRequested read = (DeploymentRequested) codec.decode(minimal.getBytes(UTF_8)).data();

        assertThat(read.deploymentId()).isNull();
        assertThat(read.dependsOn()).isEmpty();
        assertThat(read.labels()).isEmpty();
        assertThat(read.resources()).isEqualTo(Resources.of("1", "1Gi", 0));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "",
            "not json",
            "[1, 2]",
            "{\"type\": \"DeploymentCompleted\"}",
            "{\"id\": \"x\", \"type\": \"DeploymentCompleted\", \"time\": \"2026-11-22T10:00:00Z\", \"data\": {}}",
            "{\"id\": \"6f1c1b9e-0000-4000-8000-000000000001\", \"type\": \"SomethingNew\","
                    + " \"time\": \"2026-11-22T10:00:00Z\", \"data\": {}}",
            "{\"id\": \"6f1c1b9e-0000-4000-8000-000000000001\", \"type\": \"DeploymentCompleted\","
                    + " \"time\": \"yesterday\", \"data\": {}}",
            "{\"id\": \"6f1c1b9e-0000-4000-8000-000000000001\", \"type\": \"DeploymentCompleted\","
                    + " \"time\": \"2026-11-22T10:00:00Z\", \"data\": {\"message\": \"no ids\"}}",
            "{\"id\": \"6f1c1b9e-0000-4000-8000-000000000001\", \"type\": \"DeploymentStatusReported\","
                    + " \"time\": \"2026-11-22T10:00:00Z\", \"data\": {\"deploymentId\":"
                    + " \"6f1c1b9e-0000-4000-8000-000000000001\", \"clusterId\":"
                    + " \"6f1c1b9e-0000-4000-8000-000000000002\", \"status\": \"EXPLODED\"}}",
    })
    void refusesWhatItCannotRead(String text) {
        assertThatThrownBy(() -> codec.decode(text.getBytes(UTF_8))).isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void theKafkaSerdeSpeaksTheSameJson() {
        EventEnvelope<DeploymentEvent> event = EventEnvelope.of("scheduler-service",
                new DeploymentCancelled(DEPLOYMENT, CLUSTER, OTHER, AT), CLOCK);
        try (EventSerializer serializer = new EventSerializer();
             EventDeserializer deserializer = new EventDeserializer()) {
            byte[] bytes = serializer.serialize(Topics.DEPLOYMENT_EVENTS, event);

            assertThat(bytes).isEqualTo(codec.encode(event));
            assertThat(deserializer.deserialize(Topics.DEPLOYMENT_EVENTS, bytes)).isEqualTo(event);
            assertThat(deserializer.deserialize(Topics.DEPLOYMENT_EVENTS, null)).isNull();
            assertThatThrownBy(() -> deserializer.deserialize(Topics.DEPLOYMENT_EVENTS, "{}".getBytes(UTF_8)))
                    .isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void everyEventTypeGoesToOneOfTheKnownTopics() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic)).allMatch(Topics.ALL::contains);
    }
}

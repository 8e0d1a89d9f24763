package dev.hypervisor.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hypervisor.common.json.JsonRules;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Events to JSON bytes and back. Reading is tolerant of what a newer writer may add (unknown fields anywhere)
 * and strict about what a reader needs (a known type, an id, a time, a payload with its required fields):
 * anything else is an {@link UnreadableEventException}.
 */
public final class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec() {
        this(JsonRules.newMapper());
    }

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] encode(EventEnvelope<?> event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON: " + event, e);
        }
    }

    public EventEnvelope<DeploymentEvent> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new UnreadableEventException("the event is empty");
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new UnreadableEventException("the event is not JSON: " + rootMessage(e), e);
        }
        if (!(root instanceof ObjectNode envelope)) {
            throw new UnreadableEventException("the event is not a JSON object");
        }
        String typeName = text(envelope, "type");
        EventType type = EventType.ofName(typeName)
                .orElseThrow(() -> new UnreadableEventException("unknown event type '" + typeName + "'"));
        JsonNode data = envelope.get("data");
        if (data == null || !data.isObject()) {
            throw new UnreadableEventException(typeName + " has no data object");
        }
        try {
            return new EventEnvelope<>(
                    UUID.fromString(text(envelope, "id")),
                    typeName,
                    Instant.parse(text(envelope, "time")),
                    optionalText(envelope, "source"),
                    optionalText(envelope, "subject"),
                    envelope.path("schemaVersion").asInt(EventEnvelope.SCHEMA_VERSION),
                    mapper.treeToValue(data, type.dataClass()));
        } catch (IllegalArgumentException | DateTimeParseException | IOException e) {
            throw new UnreadableEventException(typeName + " could not be read: " + rootMessage(e), e);
        }
    }

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new UnreadableEventException("the event has no '" + field + "'");
        }
        return value.textValue();
    }

    private static String optionalText(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

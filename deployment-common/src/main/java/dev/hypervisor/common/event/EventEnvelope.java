package dev.hypervisor.common.event;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every event travels in, with CloudEvents attribute names: {@code id} (consumers deduplicate
 * by it), {@code type}, {@code time}, {@code source} (the service that wrote it), {@code subject} (the
 * deployment id), {@code schemaVersion} and {@code data}.
 */
public record EventEnvelope<T extends DeploymentEvent>(
        UUID id,
        String type,
        Instant time,
        String source,
        String subject,
        int schemaVersion,
        T data) {

    /** The version of the payload shapes this code writes; readers accept newer ones and ignore unknown fields. */
    public static final int SCHEMA_VERSION = 1;

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** A new event from {@code source} with a fresh id, stamped with the clock's time. */
    public static <T extends DeploymentEvent> EventEnvelope<T> of(String source, T data, Clock clock) {
        return new EventEnvelope<>(UUID.randomUUID(), EventType.of(data).typeName(), clock.instant(), source,
                data.deploymentId() == null ? null : data.deploymentId().toString(), SCHEMA_VERSION, data);
    }

    public EventType eventType() {
        return EventType.of(data);
    }

    /** The Kafka record key. */
    public String key() {
        return data.clusterId().toString();
    }
}

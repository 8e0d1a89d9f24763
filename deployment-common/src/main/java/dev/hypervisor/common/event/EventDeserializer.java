package dev.hypervisor.common.event;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for events. An unreadable record surfaces as Kafka's {@link SerializationException};
 * consumers that must never stall on one read raw bytes and call {@link EventCodec#decode} themselves.
 */
public final class EventDeserializer implements Deserializer<EventEnvelope<DeploymentEvent>> {

    private final EventCodec codec = new EventCodec();

    @Override
    public EventEnvelope<DeploymentEvent> deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return codec.decode(bytes);
        } catch (UnreadableEventException e) {
            throw new SerializationException("unreadable event on " + topic + ": " + e.getMessage(), e);
        }
    }
}

package dev.hypervisor.common.event;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for events, for producers that hand envelopes to the client directly. */
public final class EventSerializer implements Serializer<EventEnvelope<?>> {

    private final EventCodec codec = new EventCodec();

    @Override
    public byte[] serialize(String topic, EventEnvelope<?> event) {
        return event == null ? null : codec.encode(event);
    }
}

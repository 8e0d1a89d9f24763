package dev.hypervisor.scheduler.streams;

import dev.hypervisor.common.event.DeploymentCancelled;
import dev.hypervisor.common.event.DeploymentCompleted;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentFailed;
import dev.hypervisor.common.event.DeploymentRejected;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A deployment event as a stream sends it: its id (the SSE {@code id:}), its type (the SSE {@code event:}), the
 * envelope's JSON exactly as published (the SSE {@code data:}), and what it is about.
 */
public record StreamedEvent(UUID id, String type, UUID deploymentId, UUID clusterId, boolean last, String json) {

    /** The published envelope; {@code last} when it ends its deployment for good. */
    static StreamedEvent of(byte[] payload, EventCodec codec) {
        EventEnvelope<DeploymentEvent> envelope = codec.decode(payload);
        DeploymentEvent data = envelope.data();
        boolean last = data instanceof DeploymentCompleted || data instanceof DeploymentFailed
                || data instanceof DeploymentCancelled || data instanceof DeploymentRejected;
        return new StreamedEvent(envelope.id(), envelope.type(), data.deploymentId(), data.clusterId(), last,
                new String(payload, StandardCharsets.UTF_8));
    }
}

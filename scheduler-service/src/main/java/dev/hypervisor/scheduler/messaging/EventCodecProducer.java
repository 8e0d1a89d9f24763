package dev.hypervisor.scheduler.messaging;

import dev.hypervisor.common.event.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The shared event JSON (deployment-common), as a bean. */
public class EventCodecProducer {

    @Produces
    @ApplicationScoped
    EventCodec codec() {
        return new EventCodec();
    }
}

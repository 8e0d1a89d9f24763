package dev.hypervisor.scheduler.streams;

import java.util.UUID;

/** Someone following a deployment's or a cluster's events as they are published. */
interface EventWatcher {

    /** The next event, in the order a consumer of the topic reads them; must not block. */
    void offer(StreamedEvent event);

    /** Whether it has stopped watching (its client went away, or its stream ended). */
    boolean closed();

    /** The cluster whose events it watches (a deployment's stream: the deployment's cluster). */
    UUID clusterId();
}

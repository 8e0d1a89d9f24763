package dev.hypervisor.scheduler.streams;

import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.persistence.DeploymentHistory;
import dev.hypervisor.scheduler.query.DeploymentQueries;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the event streams (API.md, "Watching and asking"): a deployment's, from its first event (or after
 * {@code Last-Event-ID}) until the one that ends it; a cluster's, from now on (or after {@code Last-Event-ID}, if
 * that event is at most {@link #CLUSTER_RESUME} old). What was published before a stream opened comes from the
 * timeline and {@link LiveEvents}' recent events; what follows, from {@link LiveEvents}. Every open stream gets a
 * comment every {@code hv.scheduler.stream-keep-alive} (15 s), so proxies do not close it while nothing happens.
 */
@ApplicationScoped
public class EventStreams {

    static final Duration CLUSTER_RESUME = Duration.ofHours(1);

    private final DeploymentQueries queries;
    private final DeploymentHistory history;
    private final LiveEvents live;
    private final EventCodec codec;
    private final Clock clock;
    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();

    public EventStreams(DeploymentQueries queries, DeploymentHistory history, LiveEvents live, EventCodec codec,
                        Clock clock, MeterRegistry metrics) {
        this.queries = queries;
        this.history = history;
        this.live = live;
        this.codec = codec;
        this.clock = clock;
        metrics.gaugeCollectionSize("hv.scheduler.event.streams", List.of(), open);
    }

    /** The deployment's stream; 404 for one the caller may not read. */
    public void deployment(Caller caller, UUID deploymentId, Optional<UUID> lastEventId, SseEventSink sink,
                           Sse sse) {
        Deployment deployment = queries.visible(caller, deploymentId);
        EventStream stream = new EventStream(sink, sse, deployment.clusterId(), true);
        open.add(stream);
        List<StreamedEvent> recent = live.watchDeployment(deployment.clusterId(), deploymentId, stream);
        List<StreamedEvent> before = new ArrayList<>(decode(history.of(deploymentId)));
        before.addAll(recent);
        stream.catchUp(after(lastEventId, before));
        if (before.isEmpty() && deployment.status().isTerminal()) {
            stream.end(); // ended before its timeline's retention: nothing more will come
        }
    }

    /** The cluster's stream; 404 for a cluster the caller may not read. */
    public void cluster(Caller caller, UUID clusterId, Optional<UUID> lastEventId, SseEventSink sink, Sse sse) {
        queries.requireReader(caller, clusterId);
        EventStream stream = new EventStream(sink, sse, clusterId, false);
        open.add(stream);
        List<StreamedEvent> recent = live.watchCluster(clusterId, stream);
        List<StreamedEvent> before = new ArrayList<>();
        if (lastEventId.isPresent()) {
            before.addAll(decode(history.ofClusterAfter(clusterId, lastEventId.get(),
                    clock.instant().minus(CLUSTER_RESUME))));
            List<StreamedEvent> recentAfter = after(lastEventId, recent);
            if (!before.isEmpty() || recentAfter.size() < recent.size()) {
                before.addAll(recentAfter); // the event was found: what followed it
            }
        }
        stream.catchUp(before);
    }

    @Scheduled(every = "${hv.scheduler.stream-keep-alive:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepAlive() {
        open.removeIf(EventStream::closed);
        open.forEach(EventStream::keepAlive);
        live.forgetClosed();
    }

    private List<StreamedEvent> decode(List<byte[]> payloads) {
        return payloads.stream().map(payload -> StreamedEvent.of(payload, codec)).toList();
    }

    /** The events after the one with the given id; all of them when there is no id or it is not among them. */
    private static List<StreamedEvent> after(Optional<UUID> lastEventId, List<StreamedEvent> events) {
        if (lastEventId.isEmpty()) {
            return events;
        }
        for (int index = events.size() - 1; index >= 0; index--) {
            if (events.get(index).id().equals(lastEventId.get())) {
                return events.subList(index + 1, events.size());
            }
        }
        return events;
    }
}

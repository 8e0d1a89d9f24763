package dev.hypervisor.scheduler.streams;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One client's stream: what was published before it opened (the catch-up), then what is published while it is
 * open, each event once and in order. Events that arrive while the catch-up is being read are held and sent after
 * it, less those it already had. A deployment's stream ends after the event that ends the deployment.
 */
final class EventStream implements EventWatcher {

    private final SseEventSink sink;
    private final Sse sse;
    private final boolean endsWithItsDeployment;
    private final UUID clusterId;
    /** Live events that came while catching up; null once caught up. */
    private List<StreamedEvent> held = new ArrayList<>();
    /** The ids sent while catching up, so that the held events that repeat them are not sent twice. */
    private final Set<UUID> caughtUp = new HashSet<>();
    private boolean ended;

    EventStream(SseEventSink sink, Sse sse, UUID clusterId, boolean endsWithItsDeployment) {
        this.sink = sink;
        this.sse = sse;
        this.clusterId = clusterId;
        this.endsWithItsDeployment = endsWithItsDeployment;
    }

    @Override
    public UUID clusterId() {
        return clusterId;
    }

    /**
     * Sends a comment (so the client has the answer's head at once: from now on it misses nothing), what was
     * published before (oldest first, repeats allowed), then whatever was held meanwhile.
     */
    synchronized void catchUp(List<StreamedEvent> before) {
        sink.send(sse.newEventBuilder().comment("open").build());
        before.forEach(this::sendOnce);
        List<StreamedEvent> meanwhile = held;
        held = null;
        meanwhile.forEach(this::sendOnce);
        caughtUp.clear();
    }

    @Override
    public synchronized void offer(StreamedEvent event) {
        if (held != null) {
            held.add(event);
        } else {
            send(event);
        }
    }

    /** A comment that keeps proxies from closing an idle stream. */
    synchronized void keepAlive() {
        if (!closed()) {
            sink.send(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    /** Ends the stream now (the deployment has ended already, with nothing more to send). */
    synchronized void end() {
        ended = true;
        sink.close();
    }

    @Override
    public boolean closed() {
        return ended || sink.isClosed();
    }

    private void sendOnce(StreamedEvent event) {
        if (caughtUp.add(event.id())) {
            send(event);
        }
    }

    private void send(StreamedEvent event) {
        if (closed()) {
            return;
        }
        OutboundSseEvent outbound = sse.newEventBuilder().id(event.id().toString()).name(event.type())
                .data(event.json()).build();
        sink.send(outbound).whenComplete((sent, failed) -> {
            if (failed != null) {
                end(); // the client went away
            }
        });
        if (endsWithItsDeployment && event.last()) {
            end();
        }
    }
}

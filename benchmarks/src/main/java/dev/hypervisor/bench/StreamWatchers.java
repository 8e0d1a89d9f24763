package dev.hypervisor.bench;

import dev.hypervisor.common.stream.ServerSentEvent;
import dev.hypervisor.common.stream.ServerSentEventReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many clients watching one cluster's event stream through the gateway (API.md: {@code GET
 * /api/v1/clusters/{id}/events}), as many browser tabs would: each delivery's delay from the change it reports
 * (the event's {@code time}) to its arrival here, while measuring.
 */
final class StreamWatchers implements AutoCloseable {

    private final List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Latencies delays = new Latencies();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private volatile boolean measuring;

    /** Opens {@code count} streams of the cluster; returns once every one has answered 200. */
    StreamWatchers(String gateway, String token, UUID cluster, int count) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/clusters/" + cluster + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        for (int i = 0; i < count; i++) {
            streams.add(http.sendAsync(request, info -> {
                if (info.statusCode() != 200) {
                    throw new IllegalStateException("a stream was refused: " + info.statusCode());
                }
                opened.incrementAndGet();
                return HttpResponse.BodySubscribers.fromLineSubscriber(new Watcher());
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (opened.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(opened.get() + " of " + count + " streams opened within 60 s");
            }
            Thread.sleep(50);
        }
    }

    void measuring(boolean on) {
        measuring = on;
    }

    String summary(double seconds) {
        synchronized (delays) {
            return String.format(Locale.ROOT, "%d streams of one cluster through the gateway: %,.0f deliveries/s;"
                    + " change to delivery %s", streams.size(), delivered.get() / seconds, delays.summary());
        }
    }

    @Override
    public void close() {
        streams.forEach(stream -> stream.cancel(true));
    }

    private final class Watcher implements Flow.Subscriber<String> {

        private final ServerSentEventReader reader = new ServerSentEventReader();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            reader.accept(line).ifPresent(this::arrived);
        }

        private void arrived(ServerSentEvent event) {
            if (!measuring) {
                return;
            }
            long delay = Duration.between(changeTime(event.data()), Instant.now()).toNanos();
            delivered.incrementAndGet();
            synchronized (delays) {
                delays.record(delay);
            }
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }

    /** The envelope's {@code time}, found without parsing the whole event (a thousand copies of each arrive). */
    private static Instant changeTime(String envelope) {
        int start = envelope.indexOf("\"time\":\"") + 8;
        return Instant.parse(envelope.substring(start, envelope.indexOf('"', start)));
    }
}

package dev.hypervisor.scheduler;

import dev.hypervisor.common.stream.ServerSentEvent;
import dev.hypervisor.common.stream.ServerSentEventReader;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A client of one event stream, as a browser's EventSource would read it: the events so far, and whether the
 * server has ended the stream.
 */
final class StreamWatcher implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final List<ServerSentEvent> events = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger comments = new java.util.concurrent.atomic.AtomicInteger();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile int status;

    private StreamWatcher(String path, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + path)).header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        ServerSentEventReader reader = new ServerSentEventReader();
        response = HttpClient.newHttpClient().sendAsync(request.build(), info -> {
            status = info.statusCode();
            return HttpResponse.BodySubscribers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String line) {
                    if (line.startsWith(":")) {
                        comments.incrementAndGet();
                    }
                    reader.accept(line).ifPresent(events::add);
                }

                @Override
                public void onError(Throwable failure) {
                }

                @Override
                public void onComplete() {
                }
            });
        });
    }

    static StreamWatcher open(String path, String token) {
        return new StreamWatcher(path, token, null);
    }

    static StreamWatcher resume(String path, String token, String lastEventId) {
        return new StreamWatcher(path, token, lastEventId);
    }

    /** Waits until the events so far satisfy the condition; answers them. */
    List<ServerSentEvent> until(Predicate<List<ServerSentEvent>> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.test(events)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stream did not show " + what + " within " + DEADLINE + "; it had "
                        + events.stream().map(ServerSentEvent::event).toList());
            }
            Thread.sleep(20);
        }
        return List.copyOf(events);
    }

    /** Waits until the server has ended the stream; answers everything it sent. */
    List<ServerSentEvent> untilEnded() throws Exception {
        response.get(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        return List.copyOf(events);
    }

    boolean ended() {
        return response.isDone();
    }

    /** The response's status, once its head has come. */
    int status() throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (status == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return status;
    }

    /** How many comments (keep-alives) it has had. */
    int comments() {
        return comments.get();
    }

    List<ServerSentEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        response.cancel(true);
    }
}

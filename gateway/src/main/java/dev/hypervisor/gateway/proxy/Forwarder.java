package dev.hypervisor.gateway.proxy;

import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.gateway.GatewayConfig;
import dev.hypervisor.gateway.routing.Destination;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Passes a request to an upstream and its answer back, streaming both bodies. Hop-by-hop headers stay on their
 * own hop; the upstream learns who asked through {@code X-Forwarded-*}. When the upstream cannot be reached the
 * caller gets a problem+json 502 (or 504 when it stops answering) instead of a dropped connection.
 */
@ApplicationScoped
public class Forwarder {

    private static final Logger LOG = Logger.getLogger(Forwarder.class);

    /** RFC 9110 section 7.6.1, plus Host, which must name the upstream. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host");
    private static final long CONNECT_TIMEOUT_MILLIS = 5_000;

    private final HttpClient client;
    private final long idleTimeoutMillis;
    private final ProblemReplies problems;

    public Forwarder(Vertx vertx, GatewayConfig config, ProblemReplies problems) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(config.maxConnections())
                .setKeepAlive(true));
        this.idleTimeoutMillis = config.timeout().toMillis();
        this.problems = problems;
    }

    public void forward(RoutingContext context, Destination destination) {
        HttpServerRequest request = context.request();
        request.pause();
        URI origin = destination.origin();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(origin.getHost())
                .setPort(origin.getPort() > 0 ? origin.getPort() : "https".equals(origin.getScheme()) ? 443 : 80)
                .setSsl("https".equals(origin.getScheme()))
                .setURI(destination.uri())
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setIdleTimeout(idleTimeoutMillis);
        client.request(options)
                .compose(upstream -> {
                    copyEndToEndHeaders(request.headers(), upstream.headers());
                    upstream.putHeader("X-Forwarded-For", forwardedFor(request));
                    upstream.putHeader("X-Forwarded-Proto", request.scheme());
                    if (request.authority() != null) {
                        upstream.putHeader("X-Forwarded-Host", request.authority().toString());
                    }
                    return upstream.send(request);
                })
                .onSuccess(answer -> {
                    // a client that goes away (a closed event stream) frees its upstream connection at once
                    context.response().closeHandler(closed -> answer.request().reset());
                    relay(answer, request.method(), context.response());
                })
                .onFailure(error -> fail(context, destination, error));
    }

    private static void relay(HttpClientResponse answer, HttpMethod method, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode());
        copyEndToEndHeaders(answer.headers(), response.headers());
        boolean hasBody = method != HttpMethod.HEAD && answer.statusCode() != 204 && answer.statusCode() != 304;
        if (hasBody && answer.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            response.setChunked(true);
        }
        answer.pipeTo(response);
    }

    private void fail(RoutingContext context, Destination destination, Throwable error) {
        if (context.response().headWritten()) {
            // the answer was already under way: all that is left is to cut it off so the client sees it broke
            context.request().connection().close();
            return;
        }
        boolean timedOut = error instanceof TimeoutException
                || error.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout");
        LOG.warnf("%s %s: %s did not answer: %s", context.request().method(), destination.uri(),
                destination.upstream(), error.toString());
        problems.send(context, timedOut
                ? Problem.of(ProblemCode.GATEWAY_TIMEOUT, destination.upstream() + " did not answer in time")
                : Problem.of(ProblemCode.BAD_GATEWAY, destination.upstream() + " is not reachable"));
    }

    private static void copyEndToEndHeaders(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    private static String forwardedFor(HttpServerRequest request) {
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String earlier = request.getHeader("X-Forwarded-For");
        return earlier == null || earlier.isBlank() ? client : earlier + ", " + client;
    }
}

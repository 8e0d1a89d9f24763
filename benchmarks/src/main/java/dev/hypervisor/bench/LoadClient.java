package dev.hypervisor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * The HTTP client that makes the load: one event-loop thread and a pool of keep-alive connections, so that
 * thousands of requests a second cost the machine little next to the service under test.
 */
final class LoadClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpClient http;
    private final String token;

    LoadClient(String baseUrl, int connections, String token) {
        URI base = URI.create(baseUrl);
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort())
                .setMaxPoolSize(connections)
                .setKeepAlive(true));
        this.token = token;
    }

    /** Sends the request; the future completes with the status code once the whole answer has arrived. */
    Future<Integer> send(HttpMethod method, String path, Object body) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path)
                .putHeader("Authorization", "Bearer " + token);
        return http.request(options).compose(request -> {
            if (body == null) {
                return request.send();
            }
            request.putHeader("Content-Type", "application/json");
            try {
                return request.send(Buffer.buffer(JSON.writeValueAsBytes(body)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return Future.failedFuture(e);
            }
        }).compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    /** An answer's status and JSON body. */
    record Answer(int status, com.fasterxml.jackson.databind.JsonNode body) {
    }

    /** Sends the request; the future completes with the status and the body read as JSON. */
    Future<Answer> sendForBody(HttpMethod method, String path, Object body) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path)
                .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json");
        return http.request(options).compose(request -> {
            try {
                return request.send(Buffer.buffer(JSON.writeValueAsBytes(body)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return Future.failedFuture(e);
            }
        }).compose(response -> response.body().map(bytes -> {
            try {
                return new Answer(response.statusCode(), JSON.readTree(bytes.getBytes()));
            } catch (java.io.IOException e) {
                return new Answer(response.statusCode(), null);
            }
        }));
    }

    @Override
    public void close() {
        http.close();
        vertx.close();
    }
}

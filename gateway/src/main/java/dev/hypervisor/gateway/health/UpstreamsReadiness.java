package dev.hypervisor.gateway.health;

import dev.hypervisor.gateway.routing.RouteTable;
import dev.hypervisor.gateway.routing.Upstream;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The gateway is ready when every upstream is: one look at {@code /q/health/ready} tells whether the whole API
 * can be used, and which service is not there yet.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RouteTable routes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public UpstreamsReadiness(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("Upstream services").up();
        for (Upstream upstream : routes.upstreams()) {
            String state = readiness(upstream.origin());
            answer.withData(upstream.name(), state);
            if (!state.equals("UP")) {
                answer.down();
            }
        }
        return answer.build();
    }

    private String readiness(URI origin) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(origin.resolve("/q/health/ready")).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "UP" : "DOWN (" + response.statusCode() + ")";
        } catch (java.io.IOException e) {
            return "DOWN (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN (interrupted)";
        }
    }
}

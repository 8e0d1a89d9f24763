package dev.hypervisor.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable routes = new RouteTable(List.of(
            new Upstream("identity", URI.create("http://localhost:8081"),
                    List.of("/api/v1/auth", "/api/v1/organizations", "/.well-known")),
            new Upstream("cluster", URI.create("http://localhost:8082"), List.of("/api/v1/clusters")),
            new Upstream("scheduler", URI.create("http://localhost:8083"),
                    List.of("/api/v1/deployments", "/api/v1/clusters/*/queue"))));

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource({
            "/api/v1/auth/login, identity",
            "/.well-known/jwks.json, identity",
            "/api/v1/organizations, identity",
            "/api/v1/clusters, cluster",
            "/api/v1/clusters/, cluster",
            "/api/v1/clusters/42, cluster",
            "/api/v1/clusters/42/allocations/7, cluster",
            "/api/v1/clusters/42/queue, scheduler",
            "/api/v1/clusters/42/queue/extra, scheduler",
            "/api/v1/clusters/42/queues, cluster",
            "/api/v1/deployments/9/cancel, scheduler",
    })
    void theMostSpecificOwnerServesAPath(String path, String upstream) {
        assertThat(routes.resolve(path, null)).get()
                .satisfies(destination -> {
                    assertThat(destination.upstream()).isEqualTo(upstream);
                    assertThat(destination.uri()).isEqualTo(path);
                });
    }

    @ParameterizedTest(name = "{0} is nobody's")
    @ValueSource(strings = {"/", "/api", "/api/v1", "/api/v1/clustersX", "/api/v2/clusters", "/docs",
            "/q/health/ready"})
    void pathsNobodyOwnsStayWithTheGateway(String path) {
        assertThat(routes.resolve(path, null)).isEmpty();
    }

    @Test
    void keepsTheQuery() {
        assertThat(routes.resolve("/api/v1/deployments", "clusterId=1&status=PENDING")).get()
                .extracting(Destination::uri).isEqualTo("/api/v1/deployments?clusterId=1&status=PENDING");
    }

    @Test
    void exposesEachUpstreamsHealthAndOpenApiUnderItsName() {
        assertThat(routes.resolve("/cluster/q/health/ready", null)).get()
                .satisfies(destination -> {
                    assertThat(destination.upstream()).isEqualTo("cluster");
                    assertThat(destination.origin()).isEqualTo(URI.create("http://localhost:8082"));
                    assertThat(destination.uri()).isEqualTo("/q/health/ready");
                });
        assertThat(routes.resolve("/identity/q/openapi", "format=json")).get()
                .extracting(Destination::uri).isEqualTo("/q/openapi?format=json");
        assertThat(routes.resolve("/identity/q/metrics", null)).isEmpty();
        assertThat(routes.resolve("/nobody/q/health", null)).isEmpty();
    }

    @Test
    void refusesPatternsThatAreNotPaths() {
        assertThatThrownBy(() -> PathPattern.parse("api/v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.parse("/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.parse("/api//v1")).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.hypervisor.executor.standin;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's Kubernetes test server in CRUD mode, in the test's JVM: it stores, lists, watches, patches and deletes
 * what it is sent like an API server, but runs no controller, so the tests play the Job controller and the kubelet
 * by writing Job and pod status themselves. A test may also set an answer for one request ahead
 * ({@code server.expect()}), for what an API server would refuse. The executor's client is pointed at it; a test
 * field annotated {@link Server} gets it.
 */
public class KubernetesTestServer implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's field of type {@link KubernetesMockServer} that is given the server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private KubernetesMockServer server;

    @Override
    public Map<String, String> start() {
        Map<ServerRequest, Queue<ServerResponse>> expected = new HashMap<>();
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), expected,
                new KubernetesMixedDispatcher(expected), false);
        server.init();
        return Map.of("hv.executor.kubernetes.master-url", server.url("/"));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class,
                KubernetesMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }
}

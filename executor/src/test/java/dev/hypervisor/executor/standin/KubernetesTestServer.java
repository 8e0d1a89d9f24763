package dev.hypervisor.executor.standin;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * fabric8's Kubernetes test server in CRUD mode, in the test's JVM: it stores, lists, watches, patches and deletes
 * what it is sent like an API server, but runs no controller, so the tests play the Job controller and the kubelet
 * by writing Job and pod status themselves. The executor's client is pointed at it.
 */
public class KubernetesTestServer implements QuarkusTestResourceLifecycleManager {

    private KubernetesMockServer server;

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        return Map.of("hv.executor.kubernetes.master-url", server.url("/"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }
}

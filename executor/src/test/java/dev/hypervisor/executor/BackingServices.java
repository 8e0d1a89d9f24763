package dev.hypervisor.executor;

import dev.hypervisor.executor.standin.HypervisorApiStandIn;
import dev.hypervisor.executor.standin.KubernetesTestServer;
import dev.hypervisor.testing.KafkaResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs against one real Kafka broker, the Kubernetes test server in CRUD
 * mode ({@link KubernetesTestServer}), and a stand-in for the public API's two calls the executor makes
 * ({@link HypervisorApiStandIn}).
 */
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KubernetesTestServer.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = HypervisorApiStandIn.class, scope = TestResourceScope.GLOBAL, parallel = true)
final class BackingServices {

    private BackingServices() {
    }
}

package dev.hypervisor.scheduler;

import dev.hypervisor.scheduler.standin.FakeClusterService;
import dev.hypervisor.testing.KafkaResource;
import dev.hypervisor.testing.PostgresResource;
import dev.hypervisor.testing.TokenIssuerResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs against one real PostgreSQL and one real Kafka broker, started
 * once for the run, side by side, with a token issuer whose JWKS the service trusts, and a stand-in for
 * cluster-service (and identity-service's token endpoint) in the test's JVM ({@link FakeClusterService}).
 */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = "database", value = "scheduler"))
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = TokenIssuerResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = FakeClusterService.class, scope = TestResourceScope.GLOBAL, parallel = true)
final class BackingServices {

    private BackingServices() {
    }
}

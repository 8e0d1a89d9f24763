package dev.hypervisor.cluster;

import dev.hypervisor.testing.KafkaResource;
import dev.hypervisor.testing.PostgresResource;
import dev.hypervisor.testing.TokenIssuerResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs against one real PostgreSQL and one real Kafka broker (for the
 * scheduler's deployment events), started once for the run, and verifies tokens against a key published over
 * HTTP the way identity-service publishes its own.
 */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = "database", value = "cluster"))
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = TokenIssuerResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
final class BackingServices {

    private BackingServices() {
    }
}

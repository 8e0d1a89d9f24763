package dev.hypervisor.scheduler;

import dev.hypervisor.testing.KafkaResource;
import dev.hypervisor.testing.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs against one real PostgreSQL and one real Kafka broker, started
 * once for the run, side by side.
 */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = "database", value = "scheduler"))
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
final class BackingServices {

    private BackingServices() {
    }
}

package dev.hypervisor.identity;

import dev.hypervisor.testing.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every {@code @QuarkusTest} of this module runs against one real PostgreSQL, started once for the run. */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "identity"))
final class BackingServices {

    private BackingServices() {
    }
}

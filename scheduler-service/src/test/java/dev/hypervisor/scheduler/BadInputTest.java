package dev.hypervisor.scheduler;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.testing.BadInputContract;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@QuarkusTest
class BadInputTest extends BadInputContract {

    @Override
    protected String token() {
        return TestTokens.current().user(UUID.randomUUID(), Map.of(UUID.randomUUID(), OrgRole.OWNER));
    }

    @Override
    protected Set<String> tablesChangedInBackground() {
        return Set.of("outbox", "cluster_versions"); // the outbox relay and the scheduling passes
    }
}

package dev.hypervisor.cluster;

import dev.hypervisor.testing.BadInputContract;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import java.util.UUID;

@QuarkusTest
class BadInputTest extends BadInputContract {

    @Override
    protected String token() {
        return TestTokens.current().platformAdmin(UUID.randomUUID());
    }

    @Override
    protected Set<String> tablesChangedInBackground() {
        return Set.of("journal_checkpoint", "journal_sums"); // the ledger audit
    }
}

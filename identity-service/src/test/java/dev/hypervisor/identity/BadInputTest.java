package dev.hypervisor.identity;

import dev.hypervisor.testing.BadInputContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
class BadInputTest extends BadInputContract {

    @Override
    protected String token() {
        return IdentityClient.newUser("fuzz").accessToken();
    }

    @Override
    protected Set<String> tablesChangedInBackground() {
        return Set.of();
    }
}

package dev.hypervisor.identity;

import dev.hypervisor.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class IdentityServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String openApiTitle() {
        return "Hypervisor identity-service";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Database connections health check");
    }
}

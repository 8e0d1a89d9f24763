package dev.hypervisor.cluster;

import dev.hypervisor.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class ClusterServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String openApiTitle() {
        return "Hypervisor cluster-service";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Database connections health check");
    }
}

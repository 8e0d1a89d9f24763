package dev.hypervisor.scheduler;

import dev.hypervisor.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class SchedulerServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String openApiTitle() {
        return "Hypervisor scheduler-service";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Database connections health check", "Kafka connection health check");
    }
}

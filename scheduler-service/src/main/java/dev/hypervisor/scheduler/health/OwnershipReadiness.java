package dev.hypervisor.scheduler.health;

import dev.hypervisor.scheduler.clusters.ClusterOwnership;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Which clusters this instance schedules, shown in {@code /q/health/ready}: the intake partitions Kafka assigned
 * to it. Always up: an instance that owns nothing (yet) still serves the API and hands its changes to the owners.
 */
@Readiness
@ApplicationScoped
public class OwnershipReadiness implements HealthCheck {

    private final ClusterOwnership ownership;

    public OwnershipReadiness(ClusterOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    public HealthCheckResponse call() {
        String partitions = new TreeSet<>(ownership.partitions()).stream().map(String::valueOf)
                .collect(Collectors.joining(","));
        return HealthCheckResponse.named("Scheduling ownership").up()
                .withData("intakePartitions", partitions)
                .withData("partitionCount", ownership.partitionCount())
                .build();
    }
}

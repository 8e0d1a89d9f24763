package dev.hypervisor.cluster.metrics;

import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.runtime.sql.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Capacity, allocated and available per cluster and resource class, as gauges
 * ({@code hypervisor_cluster_capacity{cluster, organization, resource}} and so on), refreshed from the ledger
 * every fifteen seconds rather than read on every scrape.
 */
@ApplicationScoped
public class CapacityGauges {

    private final Sql sql;
    private final MultiGauge capacity;
    private final MultiGauge allocated;
    private final MultiGauge available;

    public CapacityGauges(Sql sql, MeterRegistry registry) {
        this.sql = sql;
        this.capacity = MultiGauge.builder("hypervisor.cluster.capacity")
                .description("A cluster's capacity of a resource (base units: millicores, bytes, GPUs)")
                .register(registry);
        this.allocated = MultiGauge.builder("hypervisor.cluster.allocated")
                .description("How much of a cluster's resource is claimed").register(registry);
        this.available = MultiGauge.builder("hypervisor.cluster.available")
                .description("How much of a cluster's resource is free").register(registry);
    }

    private record Row(String cluster, String organization, ResourceClass resourceClass, long capacity, long used) {
    }

    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        List<Row> rows = sql.list("""
                        SELECT c.id, c.organization_id, i.resource_class, i.total - i.reserved AS capacity, i.used
                        FROM clusters c JOIN inventories i ON i.provider_id = c.id""",
                row -> new Row(row.string("id"), row.string("organization_id"),
                        row.enumValue("resource_class", ResourceClass.class), row.longValue("capacity"),
                        row.longValue("used")));
        List<MultiGauge.Row<?>> capacities = new ArrayList<>();
        List<MultiGauge.Row<?>> allocations = new ArrayList<>();
        List<MultiGauge.Row<?>> availabilities = new ArrayList<>();
        for (Row row : rows) {
            Tags tags = Tags.of("cluster", row.cluster(), "organization", row.organization(),
                    "resource", row.resourceClass().jsonName());
            capacities.add(MultiGauge.Row.of(tags, row.capacity()));
            allocations.add(MultiGauge.Row.of(tags, row.used()));
            availabilities.add(MultiGauge.Row.of(tags, row.capacity() - row.used()));
        }
        capacity.register(capacities, true);
        allocated.register(allocations, true);
        available.register(availabilities, true);
    }
}

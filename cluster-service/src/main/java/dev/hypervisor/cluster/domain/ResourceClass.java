package dev.hypervisor.cluster.domain;

import dev.hypervisor.common.resources.Quantity;
import dev.hypervisor.common.resources.Resources;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The kinds of capacity the ledger counts, each in its base unit. Their declaration order is the order in which
 * inventory rows are locked, the same in every transaction, so that two transactions never wait on each other
 * in a cycle.
 */
public enum ResourceClass {
    CPU,
    MEMORY,
    GPU,
    DISK;

    /** The name clients use for this class in JSON ({@code cpu}, {@code memory}, ...). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** An amount of this class written as people read it: {@code 1500m}, {@code 16Gi}, {@code 2}. */
    public String format(long amount) {
        return switch (this) {
            case CPU -> Quantity.formatCpu(amount);
            case MEMORY, DISK -> Quantity.formatBytes(amount);
            case GPU -> Long.toString(amount);
        };
    }

    /** The compute amounts of {@link Resources} by class; zero amounts are left out. */
    public static Map<ResourceClass, Long> amountsOf(Resources resources) {
        Map<ResourceClass, Long> amounts = new EnumMap<>(ResourceClass.class);
        put(amounts, CPU, resources.cpuMillis());
        put(amounts, MEMORY, resources.memoryBytes());
        put(amounts, GPU, resources.gpu());
        return amounts;
    }

    /** The compute part of amounts by class, as {@link Resources}. */
    public static Resources resourcesOf(Map<ResourceClass, Long> amounts) {
        return new Resources(amounts.getOrDefault(CPU, 0L), amounts.getOrDefault(MEMORY, 0L),
                amounts.getOrDefault(GPU, 0L));
    }

    private static void put(Map<ResourceClass, Long> amounts, ResourceClass resourceClass, long amount) {
        if (amount > 0) {
            amounts.put(resourceClass, amount);
        }
    }
}

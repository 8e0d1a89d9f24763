package dev.hypervisor.cluster.domain;

import java.util.Comparator;
import java.util.UUID;

/** One inventory row: a provider's capacity of one resource class. Ordered as rows are locked. */
public record InventoryKey(UUID providerId, ResourceClass resourceClass) implements Comparable<InventoryKey> {

    private static final Comparator<InventoryKey> LOCK_ORDER = Comparator
            .comparing(InventoryKey::providerId)
            .thenComparing(InventoryKey::resourceClass);

    @Override
    public int compareTo(InventoryKey other) {
        return LOCK_ORDER.compare(this, other);
    }
}

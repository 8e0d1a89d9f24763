package dev.hypervisor.cluster.domain;

/** What a provider has of one resource class: its total, the part held back, and the part claimed. */
public record Inventory(InventoryKey key, long total, long reserved, long used) {

    /** What may be claimed at most. */
    public long capacity() {
        return total - reserved;
    }

    public long free() {
        return capacity() - used;
    }
}

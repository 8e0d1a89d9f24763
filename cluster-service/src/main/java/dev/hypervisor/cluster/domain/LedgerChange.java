package dev.hypervisor.cluster.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One all-or-nothing change to the ledger: the claims some consumers should hold from now on (none, for a
 * release), against what they hold now. It works out, for every inventory it touches, the net change of what is
 * used, and whether that fits in what the inventory has free, so that a swap (releasing some consumers to make
 * room for another, as preemption does) fits exactly when the end state fits.
 *
 * <p>Plain arithmetic: the service locks the rows, hands their contents here, and applies what this decides.
 */
public final class LedgerChange {

    private final Map<ConsumerKey, Map<ResourceClass, Long>> wanted;
    private final SortedMap<InventoryKey, Long> deltas = new TreeMap<>();
    private final Map<ConsumerKey, Map<ResourceClass, Long>> claimDeltas;

    /**
     * @param current what each consumer of the change holds now (absent or empty: nothing)
     * @param wanted  what each should hold afterwards (empty: release everything)
     */
    public LedgerChange(Map<ConsumerKey, Map<ResourceClass, Long>> current,
                        Map<ConsumerKey, Map<ResourceClass, Long>> wanted) {
        this.wanted = wanted;
        wanted.forEach((consumer, amounts) -> {
            Map<ResourceClass, Long> before = current.getOrDefault(consumer, Map.of());
            for (ResourceClass resourceClass : ResourceClass.values()) {
                long delta = Math.subtractExact(amounts.getOrDefault(resourceClass, 0L),
                        before.getOrDefault(resourceClass, 0L));
                if (delta != 0) {
                    deltas.merge(new InventoryKey(consumer.providerId(), resourceClass), delta, Math::addExact);
                }
            }
        });
        deltas.values().removeIf(delta -> delta == 0);
        claimDeltas = Collections.unmodifiableMap(claimDeltasOf(current, wanted));
    }

    /** The net change of what is used, per inventory, in lock order. */
    public SortedMap<InventoryKey, Long> deltas() {
        return Collections.unmodifiableSortedMap(deltas);
    }

    /** Every inventory that would be used beyond its capacity, given the inventories as they are (locked). */
    public List<Shortage> shortages(Map<InventoryKey, Inventory> inventories) {
        List<Shortage> shortages = new ArrayList<>();
        deltas.forEach((key, delta) -> {
            if (delta <= 0) {
                return;
            }
            Inventory inventory = inventories.get(key);
            long free = inventory == null ? 0 : inventory.free();
            if (delta > free) {
                shortages.add(new Shortage(key.providerId(), key.resourceClass(), delta, free));
            }
        });
        return shortages;
    }

    /** The claim rows to write: per consumer, the amounts it holds afterwards (zero amounts left out). */
    public Map<ConsumerKey, Map<ResourceClass, Long>> claimsAfter() {
        Map<ConsumerKey, Map<ResourceClass, Long>> after = new TreeMap<>();
        wanted.forEach((consumer, amounts) -> {
            Map<ResourceClass, Long> kept = new EnumMap<>(ResourceClass.class);
            amounts.forEach((resourceClass, amount) -> {
                if (amount > 0) {
                    kept.put(resourceClass, amount);
                }
            });
            after.put(consumer, kept);
        });
        return after;
    }

    /** Per consumer and class, how the claim changes: for the journal. */
    public Map<ConsumerKey, Map<ResourceClass, Long>> claimDeltas() {
        return claimDeltas;
    }

    /** True when every consumer already holds exactly what it asks for: a repeated claim. */
    public boolean changesNothing() {
        return claimDeltas.isEmpty();
    }

    private static Map<ConsumerKey, Map<ResourceClass, Long>> claimDeltasOf(
            Map<ConsumerKey, Map<ResourceClass, Long>> current, Map<ConsumerKey, Map<ResourceClass, Long>> wanted) {
        Map<ConsumerKey, Map<ResourceClass, Long>> changes = new TreeMap<>();
        wanted.forEach((consumer, amounts) -> {
            Map<ResourceClass, Long> before = current.getOrDefault(consumer, Map.of());
            Map<ResourceClass, Long> change = new EnumMap<>(ResourceClass.class);
            for (ResourceClass resourceClass : ResourceClass.values()) {
                long delta = amounts.getOrDefault(resourceClass, 0L) - before.getOrDefault(resourceClass, 0L);
                if (delta != 0) {
                    change.put(resourceClass, delta);
                }
            }
            if (!change.isEmpty()) {
                changes.put(consumer, change);
            }
        });
        return changes;
    }
}

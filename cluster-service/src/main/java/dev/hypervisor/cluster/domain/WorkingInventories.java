package dev.hypervisor.cluster.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Inventories as a group of changes leaves them, change by change. Each change is admitted whole if it fits in
 * what the changes before it left free, or refused whole; the net effect of the admitted ones is what the
 * ledger then writes. Deciding a group this way gives every change exactly the answer it would get alone, in
 * the group's order, while the database is asked once for all of them.
 */
public final class WorkingInventories {

    private final Map<InventoryKey, Inventory> inventories;
    private final Set<UUID> providers = new HashSet<>();
    private final SortedMap<InventoryKey, Long> net = new TreeMap<>();

    /** @param locked the inventories as they are, locked for the duration of the group */
    public WorkingInventories(Map<InventoryKey, Inventory> locked) {
        this.inventories = new HashMap<>(locked);
        locked.keySet().forEach(key -> providers.add(key.providerId()));
    }

    /** True when the provider has any inventory at all, that is, exists. */
    public boolean offers(UUID providerId) {
        return providers.contains(providerId);
    }

    /** Admits the change if it fits (answering no shortages), or refuses it, changing nothing. */
    public List<Shortage> admit(LedgerChange change) {
        List<Shortage> shortages = change.shortages(inventories);
        if (!shortages.isEmpty()) {
            return shortages;
        }
        change.deltas().forEach((key, delta) -> {
            Inventory inventory = inventories.get(key);
            if (inventory != null) {
                inventories.put(key, new Inventory(key, inventory.total(), inventory.reserved(),
                        Math.addExact(inventory.used(), delta)));
            }
            net.merge(key, delta, Math::addExact);
        });
        return List.of();
    }

    /** The net change of what is used, per inventory, of every change admitted so far. */
    public SortedMap<InventoryKey, Long> netDeltas() {
        SortedMap<InventoryKey, Long> nonZero = new TreeMap<>(net);
        nonZero.values().removeIf(delta -> delta == 0);
        return nonZero;
    }
}

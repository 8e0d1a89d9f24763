package dev.hypervisor.cluster.service;

import dev.hypervisor.cluster.domain.Inventory;
import dev.hypervisor.cluster.domain.InventoryKey;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.persistence.LedgerRepository;
import dev.hypervisor.cluster.persistence.LedgerRepository.JournalEntry;
import dev.hypervisor.common.problem.FieldError;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The capacity of a ledger provider (a cluster, a pool, a storage device): its inventories, created with it,
 * resized under their row locks and never below what is claimed, and gone with it once nothing is claimed.
 */
@ApplicationScoped
public class ProviderCapacity {

    /** A provider's capacity and what is claimed of it, per class. */
    public record Usage(Map<ResourceClass, Long> capacity, Map<ResourceClass, Long> used) {

        public long capacityOf(ResourceClass resourceClass) {
            return capacity.getOrDefault(resourceClass, 0L);
        }

        public long usedOf(ResourceClass resourceClass) {
            return used.getOrDefault(resourceClass, 0L);
        }

        public long availableOf(ResourceClass resourceClass) {
            return capacityOf(resourceClass) - usedOf(resourceClass);
        }
    }

    private final LedgerRepository ledger;
    private final Clock clock;

    public ProviderCapacity(LedgerRepository ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Records a new provider with an inventory of each class ({@code totals} may leave classes at 0). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void create(UUID providerId, String kind, UUID parentId, List<ResourceClass> classes,
                       Map<ResourceClass, Long> totals) {
        ledger.insertProvider(providerId, kind, parentId, clock.instant());
        for (ResourceClass resourceClass : classes) {
            ledger.insertInventory(providerId, resourceClass, totals.getOrDefault(resourceClass, 0L));
        }
    }

    public Usage usage(UUID providerId) {
        return usage(ledger.inventoriesOf(providerId));
    }

    public Map<UUID, Usage> usages(List<UUID> providerIds) {
        Map<UUID, Usage> usages = new HashMap<>();
        ledger.inventoriesOf(providerIds).forEach((id, inventories) -> usages.put(id, usage(inventories)));
        return usages;
    }

    /**
     * Sets the provider's totals of these classes, under the inventories' row locks; refuses (409, naming each
     * field) to go below what is claimed. The journal records what changed, and who changed it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resize(UUID providerId, List<ResourceClass> classes, Map<ResourceClass, Long> wanted, String actor,
                       String fieldPrefix, String what) {
        Map<InventoryKey, Inventory> locked = ledger.lockInventories(List.of(providerId));
        List<FieldError> tooSmall = new ArrayList<>();
        Map<ResourceClass, Long> changes = new EnumMap<>(ResourceClass.class);
        for (ResourceClass resourceClass : classes) {
            Inventory inventory = locked.get(new InventoryKey(providerId, resourceClass));
            long total = wanted.getOrDefault(resourceClass, 0L);
            if (total - inventory.reserved() < inventory.used()) {
                tooSmall.add(new FieldError(fieldPrefix + resourceClass.jsonName(), "is below the "
                        + resourceClass.format(inventory.used()) + " already claimed"));
            } else if (total != inventory.total()) {
                changes.put(resourceClass, total - inventory.total());
            }
        }
        if (!tooSmall.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemCode.CONFLICT,
                    "the " + what + " cannot shrink below what is claimed of it", tooSmall));
        }
        changes.forEach((resourceClass, delta) -> ledger.setTotal(providerId, resourceClass,
                locked.get(new InventoryKey(providerId, resourceClass)).total() + delta));
        if (!changes.isEmpty()) {
            Instant now = clock.instant();
            ledger.journal(List.of(new JournalEntry(UUID.randomUUID(), providerId, null, "RESIZE", changes,
                    actor, "capacity changed")), now);
        }
    }

    /** Locks the provider's inventories and answers whether anything is claimed of them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claimed(UUID providerId) {
        ledger.lockInventories(List.of(providerId));
        return ledger.hasClaims(providerId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(UUID providerId) {
        ledger.deleteProvider(providerId);
    }

    private static Usage usage(Map<ResourceClass, Inventory> inventories) {
        Map<ResourceClass, Long> capacity = new EnumMap<>(ResourceClass.class);
        Map<ResourceClass, Long> used = new EnumMap<>(ResourceClass.class);
        inventories.forEach((resourceClass, inventory) -> {
            capacity.put(resourceClass, inventory.capacity());
            used.put(resourceClass, inventory.used());
        });
        return new Usage(capacity, used);
    }
}

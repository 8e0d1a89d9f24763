package dev.hypervisor.cluster.inventory.service;

import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.inventory.persistence.CatalogRow;
import dev.hypervisor.cluster.service.IfMatch;
import dev.hypervisor.cluster.service.ProviderCapacity.Usage;
import dev.hypervisor.cluster.service.ProviderCapacity;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Catalog items that are ledger providers: pools (CPU, memory and disk, claimed by VMs and pool-backed
 * clusters) and storage devices (disk, claimed by VM disks). They are created with their capacity, resized
 * never below what is claimed of them, and deleted only once nothing is claimed.
 */
@ApplicationScoped
public class CapacityCatalogService {

    /**
     * A catalog of providers: the ledger kind of its items, the classes they offer, and whether their parent is a
     * provider too (a storage device's pool is; a pool's data center is not).
     */
    public record Kind(Catalog catalog, String providerKind, List<ResourceClass> classes, boolean parentIsProvider) {
    }

    /** An item with its capacity and what is claimed of it. */
    public record WithCapacity(CatalogRow row, Usage usage) {
    }

    private final CatalogService catalog;
    private final ProviderCapacity capacity;
    private final Clock clock;

    public CapacityCatalogService(CatalogService catalog, ProviderCapacity capacity, Clock clock) {
        this.catalog = catalog;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Transactional
    public WithCapacity create(Caller caller, Kind kind, UUID parentId, String name, Map<ResourceClass, Long> totals) {
        UUID id = UUID.randomUUID();
        CatalogService.requireAdmin(caller, kind.catalog());
        // The provider row comes first: the item's row refers to it.
        capacity.create(id, kind.providerKind(), kind.parentIsProvider() ? parentId : null, kind.classes(), totals);
        CatalogRow row = catalog.create(caller, kind.catalog(), id, parentId, name, null);
        return new WithCapacity(row, capacity.usage(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WithCapacity get(Kind kind, UUID id) {
        return new WithCapacity(catalog.get(kind.catalog(), id), capacity.usage(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WithCapacity> list(Kind kind, Optional<UUID> parentId, PageRequest page) {
        Page<CatalogRow> rows = catalog.list(kind.catalog(), parentId, page);
        Map<UUID, Usage> usages = capacity.usages(rows.items().stream().map(CatalogRow::id).toList());
        return rows.map(row -> new WithCapacity(row, usages.get(row.id())));
    }

    /** Renames and resizes; a resize must name the version it was decided on (If-Match). */
    @Transactional
    public WithCapacity change(Caller caller, Kind kind, UUID id, Optional<Long> expectedVersion,
                               Optional<String> name, Optional<Map<ResourceClass, Long>> totals) {
        CatalogService.requireAdmin(caller, kind.catalog());
        if (totals.isPresent()) {
            IfMatch.requiredForResize(kind.catalog().kind(), expectedVersion);
        }
        CatalogRow row = catalog.lockCurrent(kind.catalog(), id, expectedVersion);
        if (totals.isPresent()) {
            capacity.resize(id, kind.classes(), totals.get(), caller.subject(), "capacity.", kind.catalog().kind());
        }
        CatalogRow changed = name.isPresent()
                ? catalog.rename(caller, kind.catalog(), id, Optional.empty(), name, Optional.empty())
                : kind.catalog().table().touch(id, row.version(), clock.instant()).orElseThrow();
        return new WithCapacity(changed, capacity.usage(id));
    }

    @Transactional
    public void delete(Caller caller, Kind kind, UUID id) {
        CatalogService.requireAdmin(caller, kind.catalog());
        catalog.lockCurrent(kind.catalog(), id, Optional.empty());
        if (capacity.claimed(id)) {
            throw ProblemException.conflict("something still claims capacity of the " + kind.catalog().kind()
                    + "; delete its VMs, disks or clusters first");
        }
        catalog.delete(caller, kind.catalog(), id);
        capacity.delete(id);
    }
}

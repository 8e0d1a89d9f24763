package dev.hypervisor.cluster.inventory.service;

import dev.hypervisor.cluster.inventory.persistence.CatalogReferences;
import dev.hypervisor.cluster.inventory.persistence.CatalogRow;
import dev.hypervisor.cluster.inventory.persistence.CatalogTable;
import dev.hypervisor.cluster.service.IfMatch;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.rest.Cursor;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The shared catalog of the platform: providers, data centers, pools, storage devices and operating systems.
 * Everyone signed in reads it (people choose a pool for their VMs); only platform administrators change it.
 * Names are unique within their parent regardless of case; an item something depends on cannot be deleted.
 */
@ApplicationScoped
public class CatalogService {

    private final CatalogReferences references;
    private final Clock clock;

    public CatalogService(CatalogReferences references, Clock clock) {
        this.references = references;
        this.clock = clock;
    }

    /** Creates an item; its parent must exist. Answers the stored row. */
    @Transactional
    public CatalogRow create(Caller caller, Catalog catalog, UUID id, UUID parentId, String name, String detail) {
        requireAdmin(caller, catalog);
        catalog.parent().ifPresent(parent -> requireParent(catalog, parent, parentId));
        Instant now = clock.instant();
        if (!catalog.table().insert(id, parentId, name.strip(), detail == null ? null : detail.strip(), now)) {
            throw nameTaken(catalog, name);
        }
        return catalog.table().find(id).orElseThrow();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CatalogRow get(Catalog catalog, UUID id) {
        return catalog.table().find(id).orElseThrow(() -> notFound(catalog, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CatalogRow> list(Catalog catalog, Optional<UUID> parentId, PageRequest page) {
        return Page.of(catalog.table().list(parentId, page.time(0), page.id(1), page.fetchSize()), page,
                row -> Cursor.encode(row.createdAt().toString(), row.id().toString()));
    }

    /** Renames (and for data centers relocates) an item at the version the caller read, if one is named. */
    @Transactional
    public CatalogRow rename(Caller caller, Catalog catalog, UUID id, Optional<Long> expectedVersion,
                             Optional<String> name, Optional<String> detail) {
        requireAdmin(caller, catalog);
        CatalogRow row = lockCurrent(catalog, id, expectedVersion);
        try {
            return catalog.table().update(id, row.version(), name.map(String::strip).orElse(row.name()),
                    detail.map(String::strip).orElse(row.detail()), clock.instant()).orElseThrow();
        } catch (PersistenceException e) {
            if (CatalogTable.isUniqueViolation(e)) {
                throw nameTaken(catalog, name.orElseThrow());
            }
            throw e;
        }
    }

    /** Deletes an item nothing depends on any more; answers the row as it was. */
    @Transactional
    public CatalogRow delete(Caller caller, Catalog catalog, UUID id) {
        requireAdmin(caller, catalog);
        CatalogRow row = catalog.table().lock(id).orElseThrow(() -> notFound(catalog, id));
        for (Catalog.Dependent dependent : catalog.dependents()) {
            if (references.exist(dependent.table(), dependent.column(), id, dependent.condition())) {
                throw ProblemException.conflict("the " + catalog.kind() + " still has " + dependent.what()
                        + "; delete them first");
            }
        }
        catalog.table().deleteById(id);
        catalog.table().flush(); // now, before a pool's or device's ledger provider row, which it refers to
        return row;
    }

    /** Locks the item and checks it is at the version the caller read (when the caller names one). */
    @Transactional(Transactional.TxType.MANDATORY)
    public CatalogRow lockCurrent(Catalog catalog, UUID id, Optional<Long> expectedVersion) {
        CatalogRow row = catalog.table().lock(id).orElseThrow(() -> notFound(catalog, id));
        IfMatch.requireCurrent(catalog.kind(), expectedVersion, row.version());
        return row;
    }

    public static void requireAdmin(Caller caller, Catalog catalog) {
        if (!caller.hasPlatformRole(PlatformRole.ADMIN)) {
            throw ProblemException.forbidden("only platform administrators change " + catalog.kind() + "s");
        }
    }

    public static ProblemException notFound(Catalog catalog, UUID id) {
        return ProblemException.notFound(catalog.kind() + " " + id);
    }

    private static void requireParent(Catalog catalog, Catalog parent, UUID parentId) {
        if (parentId == null || parent.table().find(parentId).isEmpty()) {
            throw new InvalidFieldException(catalog.parentField(), "no " + parent.kind() + " " + parentId + " exists");
        }
    }

    private static ProblemException nameTaken(Catalog catalog, String name) {
        return ProblemException.conflict("a " + catalog.kind() + " named '" + name.strip() + "' exists there already");
    }
}

package dev.hypervisor.cluster.inventory.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * One of the catalog's collections (providers, data centers, pools, storage devices, operating systems) as a
 * Panache repository of its entity: every collection is read and written the same way, so the service handles
 * them all alike. Each item's version moves on with every change ({@code @Version}); the service checks the
 * version a caller names before it changes anything.
 */
public interface CatalogTable<E extends CatalogItem> extends PanacheRepositoryBase<E, UUID> {

    /** A new item of the collection. */
    E newItem(UUID id, UUID parentId, String name, String detail, Instant now);

    /** The entity field naming the parent; null for a collection without parents. */
    String parentField();

    /** Stores a new item unless its parent has one of that name (in any case); answers whether it did. */
    default boolean insert(UUID id, UUID parentId, String name, String detail, Instant now) {
        String sameName = "lower(name) = lower(?1)" + (parentField() == null ? "" : " AND " + parentField() + " = ?2");
        if ((parentField() == null ? count(sameName, name) : count(sameName, name, parentId)) > 0) {
            return false;
        }
        try {
            persistAndFlush(newItem(id, parentId, name, detail, now));
            return true;
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                return false; // a request racing this one took the name
            }
            throw e;
        }
    }

    default Optional<CatalogRow> find(UUID id) {
        return findByIdOptional(id).map(CatalogItem::row);
    }

    /** The item, its row locked until the transaction ends. */
    default Optional<CatalogRow> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(CatalogItem::row);
    }

    /** Items oldest first after the cursor position, of one parent when it is given. */
    default List<CatalogRow> list(Optional<UUID> parentId, Instant afterCreatedAt, UUID afterId, int limit) {
        String after = "(createdAt > ?1 OR (createdAt = ?1 AND id > ?2))";
        Sort order = Sort.by("createdAt").and("id");
        List<E> items = parentId.isPresent() && parentField() != null
                ? find(parentField() + " = ?3 AND " + after, order, afterCreatedAt, afterId, parentId.get())
                        .page(Page.ofSize(limit)).list()
                : find(after, order, afterCreatedAt, afterId).page(Page.ofSize(limit)).list();
        return items.stream().map(CatalogItem::row).toList();
    }

    /**
     * Renames the item (and changes its detail, in a collection that has one) if it is still at
     * {@code expectedVersion}; empty when it moved on. Throws the database's refusal when the name is taken.
     */
    default Optional<CatalogRow> update(UUID id, long expectedVersion, String name, String detail, Instant now) {
        return findByIdOptional(id).filter(item -> item.version() == expectedVersion).map(item -> {
            item.rename(name, now);
            if (detail != null) {
                item.changeDetail(detail);
            }
            flush();
            return item.row();
        });
    }

    /** Moves the version on (the item's capacity changed elsewhere), if it is still at the version; the item. */
    default Optional<CatalogRow> touch(UUID id, long expectedVersion, Instant now) {
        return findByIdOptional(id).filter(item -> item.version() == expectedVersion).map(item -> {
            item.touch(now);
            flush();
            return item.row();
        });
    }

    /** True when the database refused a write for a taken unique key. */
    static boolean isUniqueViolation(PersistenceException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && "23505".equals(violation.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

package dev.hypervisor.cluster.inventory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What every item of the catalog has: an id, a name unique within its parent regardless of case, the version its
 * ETag names (moved on by every change, optimistic locking by JPA's {@code @Version}), and when it was created
 * and last changed.
 */
@MappedSuperclass
public abstract class CatalogItem {

    @Id
    private UUID id;
    private String name;
    /**
     * Starts at 1, as the schema's default and every other ETag of the API do. A primitive, so that Hibernate takes
     * an item with a version but unknown to the database as new (a wrapper with a value would say "detached").
     */
    @Version
    private long version;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected CatalogItem() {
        // for JPA
    }

    protected CatalogItem(UUID id, String name, Instant now) {
        this.id = id;
        this.name = name;
        this.version = 1;
        this.createdAt = stored(now);
        this.updatedAt = createdAt;
    }

    /** What the item belongs to; null in a catalog without parents. */
    protected abstract UUID parentId();

    /** The free-text detail of a catalog that has one (a data center's location); null elsewhere. */
    protected String detail() {
        return null;
    }

    /** Takes a new detail, in a catalog that has one. */
    protected void changeDetail(String detail) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no detail");
    }

    public UUID id() {
        return id;
    }

    public long version() {
        return version;
    }

    void rename(String name, Instant now) {
        this.name = name;
        touch(now);
    }

    /** Marks it changed (its capacity changed elsewhere): the version moves on. */
    void touch(Instant now) {
        updatedAt = stored(now);
    }

    public CatalogRow row() {
        return new CatalogRow(id, parentId(), name, detail(), version, createdAt, updatedAt);
    }

    /** As PostgreSQL keeps it (microseconds), so that what is answered now is what is read back later. */
    private static Instant stored(Instant now) {
        return now.truncatedTo(ChronoUnit.MICROS);
    }
}

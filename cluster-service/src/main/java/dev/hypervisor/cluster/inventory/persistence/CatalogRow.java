package dev.hypervisor.cluster.inventory.persistence;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of one of the inventory's named tables: what it is called, what it belongs to ({@code parentId}, when
 * the table has a parent), a free-text detail where the table has one (a data center's location), and the
 * version its ETag names.
 */
public record CatalogRow(UUID id, UUID parentId, String name, String detail, long version, Instant createdAt,
                         Instant updatedAt) {
}

package dev.hypervisor.cluster.inventory.service;

import dev.hypervisor.cluster.inventory.persistence.CatalogTable;
import java.util.List;
import java.util.Optional;

/**
 * One of the inventory's named collections as the service sees it: what to call its items in messages, its
 * table, the collection its items belong to (and the request field naming that parent), and the rows elsewhere
 * that keep an item from being deleted.
 */
public record Catalog(String kind, CatalogTable<?> table, Optional<Catalog> parent, String parentField,
                      List<Dependent> dependents) {

    /** Rows of another table that refer to an item; while any exists, the item cannot be deleted. */
    public record Dependent(String table, String column, String condition, String what) {
    }
}

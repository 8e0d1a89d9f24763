package dev.hypervisor.cluster.inventory.persistence;

import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Whether rows of other tables (VMs, subnets, pools...) refer to a catalog item, which then cannot be deleted.
 * Plain SQL: the tables named are not all entities, and the question is one {@code EXISTS}. Table and column
 * names come from {@code Catalogs}, never from input.
 */
@ApplicationScoped
public class CatalogReferences {

    private final Sql sql;

    public CatalogReferences(Sql sql) {
        this.sql = sql;
    }

    public boolean exist(String otherTable, String column, UUID id, String condition) {
        return sql.one("SELECT EXISTS (SELECT 1 FROM " + otherTable + " WHERE " + column + " = ?"
                + (condition == null ? "" : " AND " + condition) + ") AS used", row -> row.bool("used"), id)
                .orElse(false);
    }
}

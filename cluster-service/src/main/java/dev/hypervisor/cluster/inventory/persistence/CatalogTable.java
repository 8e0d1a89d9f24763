package dev.hypervisor.cluster.inventory.persistence;

import dev.hypervisor.runtime.sql.RowMapper;
import dev.hypervisor.runtime.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One of the inventory's named tables (providers, data centers, pools, storage devices, operating systems):
 * each has an id, a name unique within its parent regardless of case, maybe a parent and a detail column, a
 * version and timestamps, so one class reads and writes them all. Table and column names come from
 * {@link CatalogTables}, never from input.
 */
public final class CatalogTable {

    private final Sql sql;
    private final String table;
    private final String parentColumn;
    private final String detailColumn;
    private final String columns;
    private final RowMapper<CatalogRow> mapper;

    CatalogTable(Sql sql, String table, String parentColumn, String detailColumn) {
        this.sql = sql;
        this.table = table;
        this.parentColumn = parentColumn;
        this.detailColumn = detailColumn;
        this.columns = "id, " + (parentColumn == null ? "NULL::uuid" : parentColumn) + " AS parent_id, name, "
                + (detailColumn == null ? "NULL::text" : detailColumn) + " AS detail, version, created_at, updated_at";
        this.mapper = row -> new CatalogRow(row.uuid("id"), row.uuid("parent_id"), row.string("name"),
                row.string("detail"), row.longValue("version"), row.instant("created_at"), row.instant("updated_at"));
    }

    /** Stores the row unless its parent has one of that name already; answers whether it did. */
    public boolean insert(UUID id, UUID parentId, String name, String detail, Instant now) {
        StringBuilder insert = new StringBuilder("INSERT INTO ").append(table).append(" (id, name, created_at, updated_at");
        if (parentColumn != null) {
            insert.append(", ").append(parentColumn);
        }
        if (detailColumn != null) {
            insert.append(", ").append(detailColumn);
        }
        insert.append(") VALUES (?, ?, ?, ?").append(parentColumn != null ? ", ?" : "")
                .append(detailColumn != null ? ", ?" : "").append(") ON CONFLICT DO NOTHING");
        List<Object> values = new ArrayList<>(List.of(id, name, now, now));
        if (parentColumn != null) {
            values.add(parentId);
        }
        if (detailColumn != null) {
            values.add(detail);
        }
        return sql.update(insert.toString(), values.toArray()) == 1;
    }

    public Optional<CatalogRow> find(UUID id) {
        return sql.one("SELECT " + columns + " FROM " + table + " WHERE id = ?", mapper, id);
    }

    public Optional<CatalogRow> lock(UUID id) {
        return sql.one("SELECT " + columns + " FROM " + table + " WHERE id = ? FOR UPDATE", mapper, id);
    }

    /** Rows oldest first after the cursor position, of one parent when it is given. */
    public List<CatalogRow> list(Optional<UUID> parentId, Instant afterCreatedAt, UUID afterId, int limit) {
        if (parentId.isPresent() && parentColumn != null) {
            return sql.list("SELECT " + columns + " FROM " + table + " WHERE " + parentColumn + " = ?"
                            + " AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?",
                    mapper, parentId.get(), afterCreatedAt, afterId, limit);
        }
        return sql.list("SELECT " + columns + " FROM " + table + " WHERE (created_at, id) > (?, ?)"
                + " ORDER BY created_at, id LIMIT ?", mapper, afterCreatedAt, afterId, limit);
    }

    /** Writes the name and detail if the row is still at {@code expectedVersion}; empty when it moved on. */
    public Optional<CatalogRow> update(UUID id, long expectedVersion, String name, String detail, Instant now) {
        String setDetail = detailColumn == null ? "" : ", " + detailColumn + " = ?";
        List<Object> values = new ArrayList<>(List.of(name));
        if (detailColumn != null) {
            values.add(detail);
        }
        values.addAll(List.of(now, id, expectedVersion));
        return sql.one("UPDATE " + table + " SET name = ?" + setDetail + ", updated_at = ?, version = version + 1"
                + " WHERE id = ? AND version = ? RETURNING " + columns, mapper, values.toArray());
    }

    /** Moves the version on (the row's capacity changed elsewhere); answers the row. */
    public Optional<CatalogRow> touch(UUID id, long expectedVersion, Instant now) {
        return sql.one("UPDATE " + table + " SET updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"
                + " RETURNING " + columns, mapper, now, id, expectedVersion);
    }

    public void delete(UUID id) {
        sql.update("DELETE FROM " + table + " WHERE id = ?", id);
    }

    /** True when a row of another table (named by {@link CatalogTables}) refers to this one. */
    public boolean referencedBy(String otherTable, String column, UUID id, String condition) {
        return sql.one("SELECT EXISTS (SELECT 1 FROM " + otherTable + " WHERE " + column + " = ?"
                + (condition == null ? "" : " AND " + condition) + ") AS used", row -> row.bool("used"), id)
                .orElse(false);
    }
}

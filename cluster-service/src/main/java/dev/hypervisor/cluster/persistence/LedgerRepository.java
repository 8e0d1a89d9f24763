package dev.hypervisor.cluster.persistence;

import dev.hypervisor.cluster.domain.ConsumerKey;
import dev.hypervisor.cluster.domain.Inventory;
import dev.hypervisor.cluster.domain.InventoryKey;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.runtime.sql.Row;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlArray;
import dev.hypervisor.runtime.sql.SqlQuery;
import dev.hypervisor.runtime.sql.SqlStatement;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The ledger's tables. Each method is one round trip to the database, for any number of rows. A change locks
 * consumers, then inventories, each in a fixed global order ({@link #lockForChange}), and writes what it decided
 * ({@link #write}) inside one transaction.
 */
@ApplicationScoped
public class LedgerRepository {

    /** A consumer's claim on a provider as stored. */
    public record StoredClaim(ConsumerKey key, String consumerType, Map<ResourceClass, Long> amounts,
                              Instant claimedAt) {
    }

    /** One journal row to append: a consumer's claim changed, or (without a consumer) an inventory's total. */
    public record JournalEntry(UUID changeId, UUID providerId, UUID consumerId, String kind,
                               Map<ResourceClass, Long> deltas, String actor, String reason) {
    }

    /** A journal row as stored. */
    public record JournalRow(long seq, UUID changeId, UUID consumerId, String kind, Map<ResourceClass, Long> deltas,
                             String actor, String reason, Instant recordedAt) {
    }

    private static final String CLASS_COLUMNS = "cpu, memory, gpu, disk";

    private final Sql sql;

    public LedgerRepository(Sql sql) {
        this.sql = sql;
    }

    /** What a change starts from, under its locks: the claims its consumers hold, and the providers' inventories. */
    public record Locked(Map<ConsumerKey, StoredClaim> claims, Map<InventoryKey, Inventory> inventories) {
    }

    /**
     * Locks the consumers, reads what they hold on these providers, and locks every inventory of the providers, in
     * one round trip. The claims are read once the consumers' locks are held, so no one changes them afterwards.
     */
    public Locked lockForChange(Collection<UUID> consumerIds, Collection<ConsumerKey> keys,
                                Collection<UUID> providerIds) {
        SqlQuery<Boolean> consumers = lockConsumers(consumerIds);
        SqlQuery<StoredClaim> claims = claimsOf(keys);
        SqlQuery<Inventory> inventories = lockInventoriesOf(providerIds);
        sql.listTogether(List.of(consumers, claims, inventories));
        Map<ConsumerKey, StoredClaim> held = new HashMap<>();
        claims.rows().forEach(claim -> held.put(claim.key(), claim));
        return new Locked(held, byKey(inventories.rows()));
    }

    /** Locks every inventory of the providers, in lock order, and answers them as they are now. */
    public Map<InventoryKey, Inventory> lockInventories(Collection<UUID> providerIds) {
        SqlQuery<Inventory> inventories = lockInventoriesOf(providerIds);
        sql.listTogether(List.of(inventories));
        return byKey(inventories.rows());
    }

    /**
     * Takes a transaction-long lock on each consumer, in ascending order of a 64-bit key derived from its id, so
     * that two changes to one consumer take turns and two changes to several never wait on each other in a cycle.
     */
    private static SqlQuery<Boolean> lockConsumers(Collection<UUID> consumerIds) {
        SortedSet<Long> keys = new TreeSet<>();
        consumerIds.forEach(id -> keys.add(id.getMostSignificantBits() ^ id.getLeastSignificantBits()));
        return new SqlQuery<>("SELECT pg_advisory_xact_lock(key) IS NULL AS locked"
                + " FROM unnest(?::bigint[]) WITH ORDINALITY AS k(key, n) ORDER BY n",
                row -> row.bool("locked"), SqlArray.longs(keys));
    }

    /** What each of these consumers holds on these providers. */
    private static SqlQuery<StoredClaim> claimsOf(Collection<ConsumerKey> keys) {
        List<UUID> providers = new ArrayList<>();
        List<UUID> consumers = new ArrayList<>();
        keys.forEach(key -> {
            providers.add(key.providerId());
            consumers.add(key.consumerId());
        });
        return new SqlQuery<>("SELECT provider_id, consumer_id, consumer_type, " + CLASS_COLUMNS + ", claimed_at"
                + " FROM claims WHERE (provider_id, consumer_id) IN (SELECT * FROM unnest(?::uuid[], ?::uuid[]))",
                LedgerRepository::claim, SqlArray.uuids(providers), SqlArray.uuids(consumers));
    }

    /** Every inventory of the providers, locked in lock order. */
    private static SqlQuery<Inventory> lockInventoriesOf(Collection<UUID> providerIds) {
        return new SqlQuery<>("""
                SELECT provider_id, resource_class, total, reserved, used FROM inventories
                WHERE provider_id = ANY(?) ORDER BY provider_id, resource_class FOR UPDATE""",
                LedgerRepository::inventory, SqlArray.uuids(new TreeSet<>(providerIds)));
    }

    private static Map<InventoryKey, Inventory> byKey(List<Inventory> rows) {
        Map<InventoryKey, Inventory> inventories = new LinkedHashMap<>();
        rows.forEach(inventory -> inventories.put(inventory.key(), inventory));
        return inventories;
    }

    /** The inventories of many providers, without locking them. */
    public Map<UUID, Map<ResourceClass, Inventory>> inventoriesOf(Collection<UUID> providerIds) {
        Map<UUID, Map<ResourceClass, Inventory>> inventories = new HashMap<>();
        sql.list("SELECT provider_id, resource_class, total, reserved, used FROM inventories"
                        + " WHERE provider_id = ANY(?)", LedgerRepository::inventory, SqlArray.uuids(providerIds))
                .forEach(inventory -> inventories
                        .computeIfAbsent(inventory.key().providerId(), id -> new EnumMap<>(ResourceClass.class))
                        .put(inventory.key().resourceClass(), inventory));
        return inventories;
    }

    public Map<ResourceClass, Inventory> inventoriesOf(UUID providerId) {
        return inventoriesOf(List.of(providerId)).getOrDefault(providerId, Map.of());
    }

    /**
     * Writes what a group of changes decided, in one round trip: the net change of each inventory, the claims the
     * consumers hold from now on, and the journal. Answers how many inventory rows changed, which is fewer than
     * the deltas only if an inventory changed underneath the caller's locks.
     *
     * @param held the claims that exist now, as read under the consumers' locks
     */
    public int write(SortedMap<InventoryKey, Long> deltas, Map<ConsumerKey, Map<ResourceClass, Long>> claimsAfter,
                     Set<ConsumerKey> held, Map<UUID, String> consumerTypes, List<JournalEntry> journal,
                     Instant now) {
        List<SqlStatement> statements = new ArrayList<>();
        if (!deltas.isEmpty()) {
            statements.add(applyDeltas(deltas));
        }
        statements.addAll(writeClaims(claimsAfter, held, consumerTypes, now));
        if (!journal.isEmpty()) {
            statements.add(appendJournal(journal, now));
        }
        int[] changed = sql.updateTogether(statements);
        return deltas.isEmpty() ? 0 : changed[0];
    }

    /** Appends the entries, in order. */
    public void journal(List<JournalEntry> entries, Instant now) {
        if (!entries.isEmpty()) {
            sql.updateTogether(List.of(appendJournal(entries, now)));
        }
    }

    /**
     * Adds each delta to what is used, in one statement. The rows are already locked; the condition repeats the
     * capacity rule so that a mistake in the caller can never overbook (the table's constraint would refuse it
     * too).
     */
    private static SqlStatement applyDeltas(SortedMap<InventoryKey, Long> deltas) {
        List<UUID> providers = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        deltas.forEach((key, delta) -> {
            providers.add(key.providerId());
            classes.add(key.resourceClass().name());
            amounts.add(delta);
        });
        return new SqlStatement("""
                UPDATE inventories i SET used = i.used + d.delta
                FROM unnest(?::uuid[], ?::text[], ?::bigint[]) AS d(provider_id, resource_class, delta)
                WHERE i.provider_id = d.provider_id AND i.resource_class = d.resource_class
                  AND i.used + d.delta >= 0 AND i.used + d.delta <= i.total - i.reserved""",
                SqlArray.uuids(providers), SqlArray.texts(classes), SqlArray.longs(amounts));
    }

    /**
     * What the consumers hold from now on: a new claim is inserted, a held one replaced (keeping when it was first
     * made), and a consumer left with nothing loses its row. No one else can have added or removed a claim since
     * {@code held} was read under the consumers' locks, so a plain insert is safe (and costs a third of an insert
     * that must first look for a conflict).
     */
    private static List<SqlStatement> writeClaims(Map<ConsumerKey, Map<ResourceClass, Long>> after,
                                                  Set<ConsumerKey> held, Map<UUID, String> consumerTypes,
                                                  Instant now) {
        Columns added = new Columns();
        Columns replaced = new Columns();
        List<UUID> goneProviders = new ArrayList<>();
        List<UUID> goneConsumers = new ArrayList<>();
        after.forEach((key, amounts) -> {
            if (amounts.isEmpty()) {
                goneProviders.add(key.providerId());
                goneConsumers.add(key.consumerId());
            } else {
                Columns columns = held.contains(key) ? replaced : added;
                columns.add(key.providerId(), key.consumerId(), amounts);
                columns.texts.add(consumerTypes.get(key.consumerId()));
            }
        });
        List<SqlStatement> statements = new ArrayList<>();
        if (!goneProviders.isEmpty()) {
            statements.add(new SqlStatement("DELETE FROM claims WHERE (provider_id, consumer_id) IN"
                            + " (SELECT * FROM unnest(?::uuid[], ?::uuid[]))",
                    SqlArray.uuids(goneProviders), SqlArray.uuids(goneConsumers)));
        }
        if (!replaced.providers.isEmpty()) {
            statements.add(new SqlStatement("""
                    UPDATE claims SET cpu = d.cpu, memory = d.mem, gpu = d.gpu, disk = d.disk, consumer_type = d.t
                    FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[])
                        AS d(p, c, cpu, mem, gpu, disk, t)
                    WHERE claims.provider_id = d.p AND claims.consumer_id = d.c""", replaced.arrays()));
        }
        if (!added.providers.isEmpty()) {
            List<Object> parameters = new ArrayList<>(List.of(now));
            parameters.addAll(List.of(added.arrays()));
            statements.add(new SqlStatement("""
                    INSERT INTO claims (provider_id, consumer_id, cpu, memory, gpu, disk, consumer_type, claimed_at)
                    SELECT p, c, cpu, mem, gpu, disk, t, ?
                    FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[])
                        AS d(p, c, cpu, mem, gpu, disk, t)""", parameters.toArray()));
        }
        return statements;
    }

    /** The entries, appended in order by one statement. */
    private static SqlStatement appendJournal(List<JournalEntry> entries, Instant now) {
        Columns columns = new Columns();
        List<UUID> changes = new ArrayList<>();
        List<String> actors = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (JournalEntry entry : entries) {
            changes.add(entry.changeId());
            columns.add(entry.providerId(), entry.consumerId(), entry.deltas());
            columns.texts.add(entry.kind());
            actors.add(entry.actor());
            reasons.add(entry.reason());
        }
        return new SqlStatement("""
                INSERT INTO journal (change_id, provider_id, consumer_id, kind, cpu, memory, gpu, disk, actor,
                                     reason, recorded_at)
                SELECT ch, p, c, k, cpu, mem, gpu, disk, a, r, ?
                FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::bigint[], ?::bigint[],
                            ?::bigint[], ?::bigint[], ?::text[], ?::text[])
                    WITH ORDINALITY AS x(ch, p, c, k, cpu, mem, gpu, disk, a, r, n)
                ORDER BY n""",
                now, SqlArray.uuids(changes), SqlArray.uuids(columns.providers), SqlArray.uuids(columns.consumers),
                SqlArray.texts(columns.texts), columns.amounts(ResourceClass.CPU),
                columns.amounts(ResourceClass.MEMORY), columns.amounts(ResourceClass.GPU),
                columns.amounts(ResourceClass.DISK), SqlArray.texts(actors), SqlArray.texts(reasons));
    }

    public void insertProvider(UUID id, String kind, UUID parentId, Instant now) {
        sql.update("INSERT INTO providers (id, kind, parent_id, created_at) VALUES (?, ?, ?, ?)", id, kind, parentId,
                now);
    }

    public void insertInventory(UUID providerId, ResourceClass resourceClass, long total) {
        sql.update("INSERT INTO inventories (provider_id, resource_class, total) VALUES (?, ?, ?)", providerId,
                resourceClass, total);
    }

    public void setTotal(UUID providerId, ResourceClass resourceClass, long total) {
        sql.update("UPDATE inventories SET total = ? WHERE provider_id = ? AND resource_class = ?", total, providerId,
                resourceClass);
    }

    /** The kind of the provider ({@code CLUSTER}, {@code POOL}, {@code STORAGE_DEVICE}); empty when none exists. */
    public Optional<String> providerKind(UUID providerId) {
        return sql.one("SELECT kind FROM providers WHERE id = ?", row -> row.string("kind"), providerId);
    }

    public boolean hasClaims(UUID providerId) {
        return sql.one("SELECT EXISTS (SELECT 1 FROM claims WHERE provider_id = ?) AS claimed",
                row -> row.bool("claimed"), providerId).orElse(false);
    }

    public void deleteProvider(UUID providerId) {
        sql.update("DELETE FROM providers WHERE id = ?", providerId);
    }

    /** The live claims on a provider, oldest first, after the cursor position. */
    public List<StoredClaim> claimsOn(UUID providerId, Instant afterClaimedAt, UUID afterConsumer, int limit) {
        return sql.list("SELECT provider_id, consumer_id, consumer_type, " + CLASS_COLUMNS + ", claimed_at"
                        + " FROM claims WHERE provider_id = ? AND (claimed_at, consumer_id) > (?, ?)"
                        + " ORDER BY claimed_at, consumer_id LIMIT ?",
                LedgerRepository::claim, providerId, afterClaimedAt, afterConsumer, limit);
    }

    /** The provider's journal, newest first, before the given sequence number. */
    public List<JournalRow> journalOf(UUID providerId, long beforeSeq, int limit) {
        return sql.list("SELECT seq, change_id, consumer_id, kind, " + CLASS_COLUMNS + ", actor, reason, recorded_at"
                        + " FROM journal WHERE provider_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                row -> new JournalRow(row.longValue("seq"), row.uuid("change_id"), row.uuid("consumer_id"),
                        row.string("kind"), amounts(row, true), row.string("actor"), row.string("reason"),
                        row.instant("recorded_at")),
                providerId, beforeSeq, limit);
    }

    private static StoredClaim claim(Row row) throws SQLException {
        return new StoredClaim(new ConsumerKey(row.uuid("provider_id"), row.uuid("consumer_id")),
                row.string("consumer_type"), amounts(row, false), row.instant("claimed_at"));
    }

    /** The per-class columns of a row; zero amounts are left out. */
    private static Map<ResourceClass, Long> amounts(Row row, boolean signed) throws SQLException {
        Map<ResourceClass, Long> amounts = new EnumMap<>(ResourceClass.class);
        for (ResourceClass resourceClass : ResourceClass.values()) {
            long amount = row.longValue(resourceClass.jsonName());
            if (amount != 0 && (signed || amount > 0)) {
                amounts.put(resourceClass, amount);
            }
        }
        return amounts;
    }

    private static Inventory inventory(Row row) throws SQLException {
        return new Inventory(new InventoryKey(row.uuid("provider_id"),
                row.enumValue("resource_class", ResourceClass.class)),
                row.longValue("total"), row.longValue("reserved"), row.longValue("used"));
    }

    /** Rows gathered column by column, for statements that take each column as one array. */
    private static final class Columns {
        final List<UUID> providers = new ArrayList<>();
        final List<UUID> consumers = new ArrayList<>();
        final Map<ResourceClass, List<Long>> amounts = new EnumMap<>(ResourceClass.class);
        final List<String> texts = new ArrayList<>();

        void add(UUID provider, UUID consumer, Map<ResourceClass, Long> values) {
            providers.add(provider);
            consumers.add(consumer);
            for (ResourceClass resourceClass : ResourceClass.values()) {
                amounts.computeIfAbsent(resourceClass, c -> new ArrayList<>())
                        .add(values.getOrDefault(resourceClass, 0L));
            }
        }

        SqlArray amounts(ResourceClass resourceClass) {
            return SqlArray.longs(amounts.getOrDefault(resourceClass, List.of()));
        }

        /** Providers, consumers, the amount of each class, and the texts: the columns of a claim row. */
        Object[] arrays() {
            return new Object[] {SqlArray.uuids(providers), SqlArray.uuids(consumers), amounts(ResourceClass.CPU),
                amounts(ResourceClass.MEMORY), amounts(ResourceClass.GPU), amounts(ResourceClass.DISK),
                SqlArray.texts(texts)};
        }
    }
}

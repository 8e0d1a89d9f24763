package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Events waiting to be published. Written in the transaction of the change they report; read in order and
 * deleted by the relay once Kafka has them, and then kept in the history of the deployment they are about.
 *
 * <p>A transaction may {@link #hold} its events instead: they are then written by the statements
 * {@link #heldWrites} answers, which the transaction sends with its other last writes, in one round trip, rather
 * than one round trip each time an event is added.
 */
@ApplicationScoped
public class Outbox {

    /** An event as stored, ready to send. */
    public record Pending(long seq, String topic, String key, byte[] payload) {
    }

    private static final String INSERT = "INSERT INTO outbox (event_id, topic, record_key, payload, created_at,"
            + " deployment_id) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?)";
    /** Rows per insert statement: six parameters each, well below PostgreSQL's 65,535 per statement. */
    private static final int ROWS_PER_STATEMENT = 1_000;
    /** The key under which a transaction's held events are kept, with the transaction. */
    private static final Object HELD = Outbox.class.getName() + ".held";

    private final Sql sql;
    private final EventCodec codec;
    private final TransactionSynchronizationRegistry transaction;

    public Outbox(Sql sql, EventCodec codec, TransactionSynchronizationRegistry transaction) {
        this.sql = sql;
        this.codec = codec;
        this.transaction = transaction;
    }

    public void add(Collection<? extends EventEnvelope<?>> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (EventEnvelope<?> event : events) {
            rows.add(new Object[] {event.id(), event.eventType().topic(), event.key(), codec.encode(event), now,
                    event.data().deploymentId()});
        }
        @SuppressWarnings("unchecked")
        List<Object[]> held = (List<Object[]>) transaction.getResource(HELD);
        if (held != null) {
            held.addAll(rows);
        } else {
            sql.batch(INSERT + ROW, rows);
        }
    }

    /** From now until {@link #heldWrites}, the current transaction's events are kept in memory. */
    public void hold() {
        transaction.putResource(HELD, new ArrayList<Object[]>());
    }

    /**
     * The statements that write the events held since {@link #hold} (none when there are none), in the order
     * they were added; events added from now on are written at once again.
     */
    public List<SqlStatement> heldWrites() {
        @SuppressWarnings("unchecked")
        List<Object[]> held = (List<Object[]>) transaction.getResource(HELD);
        transaction.putResource(HELD, null);
        if (held == null || held.isEmpty()) {
            return List.of();
        }
        List<SqlStatement> statements = new ArrayList<>();
        for (int from = 0; from < held.size(); from += ROWS_PER_STATEMENT) {
            List<Object[]> rows = held.subList(from, Math.min(held.size(), from + ROWS_PER_STATEMENT));
            String values = String.join(", ", Collections.nCopies(rows.size(), ROW));
            statements.add(new SqlStatement(INSERT + values, rows.stream().flatMap(Arrays::stream).toArray()));
        }
        return statements;
    }

    /**
     * Takes the oldest events out of the outbox, in the order they were written: they are deleted in one
     * statement, which also moves each into the history of its deployment; until the transaction ends their rows
     * stay locked (another relay waits for them and then takes the events after them) and a rollback puts them
     * back.
     */
    public List<Pending> takeOldest(int limit) {
        List<Pending> taken = new ArrayList<>(sql.list("""
                WITH taken AS (
                    DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT ? FOR UPDATE)
                    RETURNING seq, topic, record_key, payload, deployment_id, created_at, event_id),
                kept AS (
                    INSERT INTO deployment_history (deployment_id, seq, payload, recorded_at, cluster_id, event_id)
                    SELECT deployment_id, seq, payload, created_at, record_key::uuid, event_id FROM taken
                    WHERE deployment_id IS NOT NULL)
                SELECT seq, topic, record_key, payload FROM taken""",
                row -> new Pending(row.longValue("seq"), row.string("topic"), row.string("record_key"),
                        row.bytes("payload")), limit));
        taken.sort(Comparator.comparingLong(Pending::seq)); // RETURNING promises no order
        return taken;
    }
}

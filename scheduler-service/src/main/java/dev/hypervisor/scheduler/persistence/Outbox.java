package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Events waiting to be published. Written in the transaction of the change they report; read in order and
 * deleted by the relay once Kafka has them.
 */
@ApplicationScoped
public class Outbox {

    /** An event as stored, ready to send. */
    public record Pending(long seq, String topic, String key, byte[] payload) {
    }

    private final Sql sql;
    private final EventCodec codec;

    public Outbox(Sql sql, EventCodec codec) {
        this.sql = sql;
        this.codec = codec;
    }

    public void add(Collection<? extends EventEnvelope<?>> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (EventEnvelope<?> event : events) {
            rows.add(new Object[] {event.id(), event.eventType().topic(), event.key(), codec.encode(event), now});
        }
        sql.batch("INSERT INTO outbox (event_id, topic, record_key, payload, created_at) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /** The oldest events, in the order they were written, locked until the transaction ends. */
    public List<Pending> oldestLocked(int limit) {
        return sql.list("SELECT seq, topic, record_key, payload FROM outbox ORDER BY seq LIMIT ? FOR UPDATE",
                row -> new Pending(row.longValue("seq"), row.string("topic"), row.string("record_key"),
                        row.bytes("payload")), limit);
    }

    public void delete(Collection<Long> seqs) {
        sql.update("DELETE FROM outbox WHERE seq = ANY(?)", SqlArray.longs(seqs));
    }
}

package dev.hypervisor.cluster.service;

import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.runtime.sql.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proves the ledger adds up: for every inventory, what is used equals the sum of the claims on it and the sum of
 * its journal. Anything else is a discrepancy: a bug, or a hand edit of the database. Runs every minute (the
 * {@code hypervisor_ledger_discrepancies} gauge) and on demand (the {@code ledger} health group,
 * {@code /q/health/group/ledger}).
 *
 * <p>The journal only grows, so the audit keeps its sums through a sequence number and adds only newer rows
 * each time. It checkpoints only rows older than a minute: a transaction still open could yet commit a row with
 * a lower number, and a checkpoint past it would miss it for good.
 */
@ApplicationScoped
public class LedgerAudit {

    /** Where the ledger does not add up: what is used, and what the claims and the journal say it should be. */
    public record Discrepancy(UUID providerId, ResourceClass resourceClass, long used, long claimed, long journaled) {

        public String describe() {
            return "provider " + providerId + " " + resourceClass.jsonName() + ": used is " + used
                    + ", claims sum to " + claimed + ", journal sums to " + journaled;
        }
    }

    private final Sql sql;
    private final AtomicInteger lastCount = new AtomicInteger();

    public LedgerAudit(Sql sql, MeterRegistry registry) {
        this.sql = sql;
        Gauge.builder("hypervisor.ledger.discrepancies", lastCount, AtomicInteger::get)
                .description("Inventories that did not add up at the last audit (should be 0)")
                .register(registry);
    }

    /**
     * Compares in one statement, so what is used, the claims and the journal are read at one moment: the
     * journal's sum is the checkpoint's plus every row after it.
     */
    @Transactional
    public List<Discrepancy> run() {
        checkpoint();
        List<Discrepancy> found = sql.list("""
                        WITH checkpoint AS (SELECT through_seq FROM journal_checkpoint),
                        claimed AS (
                            SELECT provider_id, sum(cpu) AS cpu, sum(memory) AS memory, sum(gpu) AS gpu,
                                   sum(disk) AS disk
                            FROM claims GROUP BY provider_id),
                        recent AS (
                            SELECT provider_id, sum(cpu) AS cpu, sum(memory) AS memory, sum(gpu) AS gpu,
                                   sum(disk) AS disk
                            FROM journal WHERE kind <> 'RESIZE' AND seq > (SELECT through_seq FROM checkpoint)
                            GROUP BY provider_id),
                        expected AS (
                            SELECT i.provider_id, i.resource_class, i.used,
                                   CASE i.resource_class WHEN 'CPU' THEN c.cpu WHEN 'MEMORY' THEN c.memory
                                       WHEN 'GPU' THEN c.gpu ELSE c.disk END AS claimed,
                                   CASE i.resource_class WHEN 'CPU' THEN s.cpu WHEN 'MEMORY' THEN s.memory
                                       WHEN 'GPU' THEN s.gpu ELSE s.disk END AS summed,
                                   CASE i.resource_class WHEN 'CPU' THEN r.cpu WHEN 'MEMORY' THEN r.memory
                                       WHEN 'GPU' THEN r.gpu ELSE r.disk END AS recent
                            FROM inventories i
                            LEFT JOIN claimed c ON c.provider_id = i.provider_id
                            LEFT JOIN journal_sums s ON s.provider_id = i.provider_id
                            LEFT JOIN recent r ON r.provider_id = i.provider_id)
                        SELECT provider_id, resource_class, used, coalesce(claimed, 0) AS claimed,
                               coalesce(summed, 0) + coalesce(recent, 0) AS journaled
                        FROM expected
                        WHERE used <> coalesce(claimed, 0) OR used <> coalesce(summed, 0) + coalesce(recent, 0)""",
                row -> new Discrepancy(row.uuid("provider_id"), row.enumValue("resource_class", ResourceClass.class),
                        row.longValue("used"), row.longValue("claimed"), row.longValue("journaled")));
        lastCount.set(found.size());
        return found;
    }

    /** Folds journal rows older than a minute into the sums, and moves the checkpoint past them. */
    private void checkpoint() {
        Long through = sql.one("SELECT through_seq FROM journal_checkpoint FOR UPDATE",
                row -> row.longValue("through_seq")).orElseThrow();
        Long next = sql.one("SELECT coalesce(max(seq), ?) AS seq FROM journal WHERE seq > ?"
                        + " AND recorded_at < now() - interval '1 minute'",
                row -> row.longValue("seq"), through, through).orElseThrow();
        if (next <= through) {
            return;
        }
        sql.update("""
                        INSERT INTO journal_sums (provider_id, cpu, memory, gpu, disk)
                        SELECT provider_id, sum(cpu), sum(memory), sum(gpu), sum(disk) FROM journal
                        WHERE kind <> 'RESIZE' AND seq > ? AND seq <= ? GROUP BY provider_id
                        ON CONFLICT (provider_id) DO UPDATE SET
                            cpu = journal_sums.cpu + EXCLUDED.cpu, memory = journal_sums.memory + EXCLUDED.memory,
                            gpu = journal_sums.gpu + EXCLUDED.gpu, disk = journal_sums.disk + EXCLUDED.disk""",
                through, next);
        sql.update("UPDATE journal_checkpoint SET through_seq = ?", next);
    }

    @Scheduled(every = "60s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }
}

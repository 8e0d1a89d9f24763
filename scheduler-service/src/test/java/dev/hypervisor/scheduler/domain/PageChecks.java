package dev.hypervisor.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A page of the queue explains its deployments by walking the queue only up to its last one: what it says must be
 * what explaining the whole queue says of them, whatever the page, filter and state of the queue.
 */
final class PageChecks {

    private PageChecks() {
    }

    /** About half the pending deployments, and one that is not pending (a filter may name one that started). */
    private static Set<UUID> someOf(List<QueuedDeployment> pending, Random random) {
        Set<UUID> some = new HashSet<>();
        pending.stream().filter(deployment -> random.nextBoolean()).forEach(deployment -> some.add(deployment.id()));
        some.add(UUID.randomUUID());
        return some;
    }

    /** A random page (start, size, filter) of the cluster's queue agrees with the whole explanation. */
    static void aRandomPageAgreesWithTheWholeExplanation(ClusterQueue cluster, SchedulingPolicy policy, Instant now,
                                                         Random random, String context) {
        List<QueuedDeployment> inOrder = cluster.pendingInOrder();
        Map<UUID, PendingReason> whole = cluster.explain(policy, now);
        QueuedDeployment after = inOrder.isEmpty() || random.nextBoolean() ? null
                : inOrder.get(random.nextInt(inOrder.size()));
        QueueFilter filter = switch (random.nextInt(3)) {
            case 0 -> QueueFilter.everything();
            case 1 -> new QueueFilter(null, Priority.values()[random.nextInt(Priority.values().length)]);
            default -> new QueueFilter(null, null, someOf(inOrder, random));
        };
        int limit = 1 + random.nextInt(8);

        QueuePage page = cluster.page(policy, now, after, limit, filter);

        List<QueuedDeployment> expected = inOrder.stream()
                .filter(deployment -> after == null || inOrder.indexOf(deployment) > inOrder.indexOf(after))
                .filter(filter::matches).toList();
        assertThat(page.items().stream().map(QueuePage.Waiting::deployment).toList()).as("%s: the page", context)
                .isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
        assertThat(page.more()).as("%s: more after the page", context).isEqualTo(expected.size() > limit);
        assertThat(page.total()).as("%s: total", context).isEqualTo((int) inOrder.stream().filter(filter::matches)
                .count());
        for (QueuePage.Waiting waiting : page.items()) {
            assertThat(waiting.reason()).as("%s: the reason of %s", context, waiting.deployment().id())
                    .isEqualTo(whole.get(waiting.deployment().id()));
            assertThat(waiting.estimatedStartAt()).as("%s: the estimated start of %s", context,
                    waiting.deployment().id()).isEqualTo(cluster.explain(policy, now, waiting.deployment().id())
                    .orElseThrow().estimatedStartAt());
        }
    }
}

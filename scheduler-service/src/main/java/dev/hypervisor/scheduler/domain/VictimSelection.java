package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Chooses whom to preempt so that a deployment fits: only running deployments of strictly lower priority, taken
 * in {@link RunningDeployment#VICTIM_ORDER} (lowest priority, then most recently started), only those that free
 * some of what is still missing, and then pruned so that no victim could be spared. Either the victims free
 * enough of every short resource, or there are none.
 *
 * <p>Strictly lower priority is also what keeps preemption free of loops: a victim can never preempt its
 * preemptor back, and every chain of preemptions descends in priority.
 *
 * <p>One preemption takes at most {@code mostVictims} deployments: its victims' releases and its preemptor's claim
 * go to the ledger in one batch, all or nothing, and a batch holds only so many. A deployment that could only be
 * made room for by more waits instead, short of what it lacks.
 */
public final class VictimSelection {

    private VictimSelection() {
    }

    /**
     * The victims that make room for {@code preemptor} next to {@code free}; empty when no set of at most
     * {@code mostVictims} can.
     */
    public static Optional<List<RunningDeployment>> choose(QueuedDeployment preemptor, Resources free,
                                                           Collection<RunningDeployment> running, int mostVictims) {
        List<RunningDeployment> candidates = running.stream()
                .filter(candidate -> preemptor.priority().outranks(candidate.deployment().priority()))
                .sorted(RunningDeployment.VICTIM_ORDER)
                .toList();
        return among(preemptor.resources(), free, candidates, (candidate, chosen) -> true, mostVictims);
    }

    /**
     * The victims, taken from {@code candidates} in their order, that make room for {@code needed} next to
     * {@code free}: a candidate is taken only if it frees some of what is still missing and {@code mayTake} allows
     * it, given those chosen before it; then no victim that could be spared is kept.
     */
    static Optional<List<RunningDeployment>> among(Resources needed, Resources free,
                                                   List<RunningDeployment> candidates,
                                                   BiPredicate<RunningDeployment, List<RunningDeployment>> mayTake,
                                                   int mostVictims) {
        Resources missing = needed.shortfall(free);
        List<RunningDeployment> victims = new ArrayList<>();
        Resources freed = Resources.ZERO;
        for (RunningDeployment candidate : candidates) {
            if (missing.fitsWithin(freed)) {
                break;
            }
            if (frees(candidate.deployment().resources(), missing.shortfall(freed))
                    && mayTake.test(candidate, victims)) {
                victims.add(candidate);
                freed = freed.plus(candidate.deployment().resources());
            }
        }
        if (!missing.fitsWithin(freed)) {
            return Optional.empty();
        }
        // Spare whoever is not needed, trying the last taken (higher priority, longer running) first.
        for (int i = victims.size() - 1; i >= 0; i--) {
            Resources without = freed.minus(victims.get(i).deployment().resources());
            if (missing.fitsWithin(without)) {
                victims.remove(i);
                freed = without;
            }
        }
        return victims.size() > mostVictims ? Optional.empty() : Optional.of(List.copyOf(victims));
    }

    private static boolean frees(Resources held, Resources stillMissing) {
        return stillMissing.cpuMillis() > 0 && held.cpuMillis() > 0
                || stillMissing.memoryBytes() > 0 && held.memoryBytes() > 0
                || stillMissing.gpu() > 0 && held.gpu() > 0;
    }
}

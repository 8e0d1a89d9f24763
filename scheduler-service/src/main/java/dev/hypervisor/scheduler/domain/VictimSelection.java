package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Chooses whom to preempt so that a deployment fits: only running deployments of strictly lower priority, taken
 * in {@link RunningDeployment#VICTIM_ORDER} (lowest priority, then most recently started), only those that free
 * some of what is still missing, and then pruned so that no victim could be spared; among those no more urgent than
 * the most urgent one needed, fewer victims are preferred (one gang over many singles). Either the victims free
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
     * The victims, taken from {@code candidates}, that make room for {@code needed} next to {@code free}: a
     * candidate is taken only if it frees some of what is still missing and {@code mayTake} allows it, given those
     * chosen before it; then no victim that could be spared is kept. Taken in the candidates' order first; then,
     * among the candidates no more urgent than the most urgent of those, the largest first: the fewer victims win (a
     * gang is made room for by one gang rather than many singles), the candidates' order on a tie.
     */
    static Optional<List<RunningDeployment>> among(Resources needed, Resources free,
                                                   List<RunningDeployment> candidates,
                                                   BiPredicate<RunningDeployment, List<RunningDeployment>> mayTake,
                                                   int mostVictims) {
        Resources missing = needed.shortfall(free);
        Optional<List<RunningDeployment>> inOrder = take(missing, candidates, mayTake);
        if (inOrder.isEmpty()) {
            return Optional.empty();
        }
        List<RunningDeployment> victims = inOrder.get();
        if (victims.size() > 1) {
            int mostUrgent = victims.stream().mapToInt(victim -> victim.deployment().priority().weight()).max()
                    .orElseThrow();
            List<RunningDeployment> largestFirst = new ArrayList<>(candidates.stream()
                    .filter(candidate -> candidate.deployment().priority().weight() <= mostUrgent).toList());
            largestFirst.sort(Comparator.comparingDouble(
                    (RunningDeployment candidate) -> -coverage(candidate.deployment().resources(), missing)));
            Optional<List<RunningDeployment>> fewer = take(missing, largestFirst, mayTake);
            if (fewer.isPresent() && fewer.get().size() < victims.size()) {
                victims = fewer.get();
            }
        }
        return victims.size() > mostVictims ? Optional.empty() : Optional.of(victims);
    }

    /** Takes candidates in order while something is missing, then spares whoever is not needed; empty: not enough. */
    private static Optional<List<RunningDeployment>> take(Resources missing, List<RunningDeployment> candidates,
                                                          BiPredicate<RunningDeployment, List<RunningDeployment>>
                                                                  mayTake) {
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
        return Optional.of(List.copyOf(victims));
    }

    /** How much of what is missing the held resources would free, by the resource it frees most of (0 to 1). */
    private static double coverage(Resources held, Resources missing) {
        double most = 0;
        if (missing.cpuMillis() > 0) {
            most = Math.max(most, Math.min(1.0, (double) held.cpuMillis() / missing.cpuMillis()));
        }
        if (missing.memoryBytes() > 0) {
            most = Math.max(most, Math.min(1.0, (double) held.memoryBytes() / missing.memoryBytes()));
        }
        if (missing.gpu() > 0) {
            most = Math.max(most, Math.min(1.0, (double) held.gpu() / missing.gpu()));
        }
        return most;
    }

    private static boolean frees(Resources held, Resources stillMissing) {
        return stillMissing.cpuMillis() > 0 && held.cpuMillis() > 0
                || stillMissing.memoryBytes() > 0 && held.memoryBytes() > 0
                || stillMissing.gpu() > 0 && held.gpu() > 0;
    }
}

package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How much of a deployment a pass starts, for both passes: a single deployment is a gang of one.
 * <ol>
 *   <li>Whole, when it fits what is free, or room can be made for all of it by preemption.</li>
 *   <li>Otherwise, a gang that may start with fewer ({@code minReplicas}) starts with as many as fit what is free,
 *       preempting nobody: a smaller start beats disturbing others.</li>
 *   <li>Otherwise, when room can be made for its least ({@code minReplicas}), with as many as then fit.</li>
 * </ol>
 * Kueue's partial admission goes the same way (the whole first, preemption included, then fewer). The pass says
 * what "allowed" (its queue's quota) and "room" (its preemption rules) mean; making room changes what is free.
 */
final class GangAdmission {

    private GangAdmission() {
    }

    /**
     * @param free     what is free now (it grows when {@code makeRoom} preempts)
     * @param allowed  whether the deployment with so many replicas is within what its queue may use
     * @param makeRoom preempts so that the deployment with so many replicas fits what is free; false when it cannot
     */
    static Optional<QueuedDeployment> admit(QueuedDeployment deployment, Supplier<Resources> free,
                                            Predicate<QueuedDeployment> allowed,
                                            Predicate<QueuedDeployment> makeRoom) {
        if (allowed.test(deployment)
                && (deployment.resources().fitsWithin(free.get()) || makeRoom.test(deployment))) {
            return Optional.of(deployment);
        }
        if (!deployment.elastic()) {
            return Optional.empty();
        }
        Optional<QueuedDeployment> fewer = mostThatFit(deployment, free.get(), allowed);
        if (fewer.isPresent()) {
            return fewer;
        }
        QueuedDeployment least = deployment.smallest();
        if (allowed.test(least) && makeRoom.test(least)) {
            return mostThatFit(deployment, free.get(), allowed);
        }
        return Optional.empty();
    }

    /** The gang with the most replicas, at least its least, that fits what is free and is allowed. */
    private static Optional<QueuedDeployment> mostThatFit(QueuedDeployment deployment, Resources free,
                                                          Predicate<QueuedDeployment> allowed) {
        for (int count = deployment.replicasWithin(free);
             count >= deployment.minReplicas(); count--) {
            QueuedDeployment fewer = deployment.withReplicas(count);
            if (allowed.test(fewer)) {
                return Optional.of(fewer);
            }
        }
        return Optional.empty();
    }
}

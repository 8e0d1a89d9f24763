package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.deployment.Priority;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Which pending deployments a question wants explained: an explaining walk stops once it has come to all of them,
 * so a page of the queue costs what lies up to its end, not the whole queue. One scope serves one walk.
 */
final class ExplanationScope {

    /** null: everyone, and the walk never stops early. */
    private final Map<UUID, QueuedDeployment> wanted;
    /** Those the walk has not come to yet. */
    private final Map<UUID, QueuedDeployment> awaited;

    private ExplanationScope(Map<UUID, QueuedDeployment> wanted) {
        this.wanted = wanted;
        this.awaited = wanted == null ? null : new HashMap<>(wanted);
    }

    /** Every pending deployment. */
    static ExplanationScope everyone() {
        return new ExplanationScope(null);
    }

    /** These deployments; none wants nothing, and the walk stops at once. */
    static ExplanationScope of(Collection<QueuedDeployment> deployments) {
        Map<UUID, QueuedDeployment> wanted = new HashMap<>();
        deployments.forEach(deployment -> wanted.put(deployment.id(), deployment));
        return new ExplanationScope(wanted);
    }

    boolean isEveryone() {
        return wanted == null;
    }

    boolean wants(UUID id) {
        return wanted == null || wanted.containsKey(id);
    }

    /** How many it wants; for everyone, as many as there are. */
    int size(int pending) {
        return wanted == null ? pending : wanted.size();
    }

    /** The wanted deployments of the queue and priority that the walk has not come to yet. */
    List<QueuedDeployment> awaitedIn(String queue, Priority priority) {
        if (awaited == null) {
            return List.of();
        }
        return awaited.values().stream().filter(deployment -> deployment.priority() == priority
                && Objects.equals(deployment.queue(), queue)).toList();
    }

    /** The walk has come to the deployment: it starts, or has its reason. */
    void cameTo(UUID id) {
        if (awaited != null) {
            awaited.remove(id);
        }
    }

    /** True once every deployment the question wants has been come to. */
    boolean done() {
        return awaited != null && awaited.isEmpty();
    }
}

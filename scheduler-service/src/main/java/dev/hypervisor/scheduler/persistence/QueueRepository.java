package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.scheduler.domain.QueueQuota;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A cluster's queues. Changed only within a change of the cluster, so their cluster's version moves on. */
@ApplicationScoped
public class QueueRepository implements PanacheRepositoryBase<Queue, Queue.Key> {

    /** The cluster's queues by name. */
    public List<Queue> of(UUID clusterId) {
        return list("clusterId", Sort.by("name"), clusterId);
    }

    /** The queues of these clusters, each cluster's by name, in one statement (a batch of requests asks once). */
    public Map<UUID, List<Queue>> ofClusters(Collection<UUID> clusterIds) {
        Map<UUID, List<Queue>> byCluster = new HashMap<>();
        list("clusterId IN ?1", Sort.by("name"), clusterIds).forEach(queue ->
                byCluster.computeIfAbsent(queue.clusterId(), cluster -> new ArrayList<>()).add(queue));
        return byCluster;
    }

    public Optional<Queue> find(UUID clusterId, String name) {
        return findByIdOptional(new Queue.Key(clusterId, name));
    }

    /** What the policy needs of the cluster's queues, by name; empty for a cluster without queues. */
    public Map<String, QueueQuota> quotasOf(UUID clusterId) {
        Map<String, QueueQuota> quotas = new LinkedHashMap<>();
        of(clusterId).forEach(queue -> quotas.put(queue.name(), queue.quota()));
        return quotas;
    }

    /** No queue of the cluster but {@code name} is its default any more. */
    public void clearDefaultsBut(UUID clusterId, String name) {
        update("isDefault = false WHERE clusterId = ?1 AND name <> ?2 AND isDefault = true", clusterId, name);
    }
}

package dev.hypervisor.executor.kubernetes;

import dev.hypervisor.executor.config.ExecutorConfig;
import dev.hypervisor.executor.jobs.JobLabels;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The executor's Jobs and their pods in Kubernetes: what it does to them, and what it knows of them. What it knows
 * comes from informers (a watch per namespace and kind, kept in memory), so reading the state of every Job each
 * second costs the API server nothing; what it does goes to the API server directly. Only Jobs and pods labelled
 * with this executor's name are its own.
 */
@ApplicationScoped
public class ClusterJobs {

    private static final String BY_DEPLOYMENT = "deployment";

    private final KubernetesClient kubernetes;
    private final JobTargets targets;
    private final String executorId;
    private final List<SharedIndexInformer<Job>> jobInformers = new ArrayList<>();
    private final List<SharedIndexInformer<Pod>> podInformers = new ArrayList<>();

    public ClusterJobs(KubernetesClient kubernetes, JobTargets targets, ExecutorConfig config) {
        this.kubernetes = kubernetes;
        this.targets = targets;
        this.executorId = config.id();
    }

    /** Starts watching; {@code changed} hears (cluster, deployment) of every change to a Job or pod of a deployment. */
    public synchronized void watch(BiConsumer<UUID, UUID> changed) {
        if (!jobInformers.isEmpty()) {
            return;
        }
        for (String namespace : targets.namespaces()) {
            jobInformers.add(kubernetes.batch().v1().jobs().inNamespace(namespace)
                    .withLabel(JobLabels.EXECUTOR, executorId).inform(handler(changed)));
            SharedIndexInformer<Pod> pods = kubernetes.pods().inNamespace(namespace)
                    .withLabel(JobLabels.EXECUTOR, executorId).runnableInformer(0);
            pods.addIndexers(Map.of(BY_DEPLOYMENT, pod -> JobLabels.deploymentOf(pod).map(UUID::toString)
                    .map(List::of).orElse(List.of())));
            pods.addEventHandler(handler(changed));
            pods.start();
            podInformers.add(pods);
        }
    }

    public synchronized void stopWatching() {
        jobInformers.forEach(SharedIndexInformer::close);
        podInformers.forEach(SharedIndexInformer::close);
        jobInformers.clear();
        podInformers.clear();
    }

    /** Whether every informer has listed what is there: before that, what it knows is not everything. */
    public synchronized boolean synced() {
        return !jobInformers.isEmpty() && jobInformers.stream().allMatch(SharedIndexInformer::hasSynced)
                && podInformers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Its Jobs as last seen. */
    public synchronized List<Job> jobs() {
        return jobInformers.stream().flatMap(informer -> informer.getStore().list().stream())
                .filter(job -> JobLabels.deploymentOf(job).isPresent()).toList();
    }

    /** Its pods as last seen. */
    public synchronized List<Pod> pods() {
        return podInformers.stream().flatMap(informer -> informer.getStore().list().stream())
                .filter(pod -> JobLabels.deploymentOf(pod).isPresent()).toList();
    }

    /** The deployment's pods as last seen. */
    public synchronized List<Pod> podsOf(UUID deploymentId) {
        return podInformers.stream()
                .flatMap(informer -> informer.getIndexer().byIndex(BY_DEPLOYMENT, deploymentId.toString()).stream())
                .toList();
    }

    /** The deployment's Job as last seen; empty when there is none. */
    public synchronized Optional<Job> jobOf(UUID clusterId, UUID deploymentId) {
        String key = targets.of(clusterId).namespace() + "/" + JobLabels.jobName(deploymentId);
        return jobInformers.stream().map(informer -> informer.getStore().getByKey(key))
                .filter(Objects::nonNull).findFirst();
    }

    /** The deployment's Job as the API server has it now (not as last seen): empty when there is none. */
    public Optional<Job> current(UUID clusterId, UUID deploymentId) {
        return Optional.ofNullable(job(clusterId, deploymentId).get());
    }

    /** Creates the Job; false when one of its name is already there (nothing is changed then). */
    public boolean create(Job job) {
        try {
            kubernetes.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes the Job and, once it is gone, its pods (each with its own grace period). */
    public void delete(UUID clusterId, UUID deploymentId) {
        job(clusterId, deploymentId).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        pods(clusterId, deploymentId).delete();
    }

    /**
     * Asks the deployment's replicas to stop within {@code graceSeconds}: the Job is deleted first, leaving its pods,
     * so that its controller does not start new ones, then the pods are deleted with that grace period (SIGTERM
     * now, SIGKILL when it runs out).
     */
    public void stop(UUID clusterId, UUID deploymentId, long graceSeconds) {
        job(clusterId, deploymentId).withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
        pods(clusterId, deploymentId).withGracePeriod(graceSeconds).delete();
    }

    /** Notes on the Job what the executor has reported of it, so it is not reported again after a restart. */
    public void markReported(Job job, String status) {
        String patch = "{\"metadata\":{\"annotations\":{\"" + JobLabels.REPORTED + "\":\"" + status + "\"}}}";
        try {
            kubernetes.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
                    .withName(job.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }

    private ScalableResource<Job> job(UUID clusterId, UUID deploymentId) {
        return kubernetes.batch().v1().jobs().inNamespace(targets.of(clusterId).namespace())
                .withName(JobLabels.jobName(deploymentId));
    }

    private FilterWatchListDeletable<Pod, PodList, PodResource> pods(UUID clusterId, UUID deploymentId) {
        return kubernetes.pods().inNamespace(targets.of(clusterId).namespace())
                .withLabel(JobLabels.EXECUTOR, executorId).withLabel(JobLabels.DEPLOYMENT, deploymentId.toString());
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(BiConsumer<UUID, UUID> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T added) {
                tell(added);
            }

            @Override
            public void onUpdate(T before, T now) {
                tell(now);
            }

            @Override
            public void onDelete(T deleted, boolean finalStateUnknown) {
                tell(deleted);
            }

            private void tell(T resource) {
                JobLabels.clusterOf(resource).ifPresent(cluster -> JobLabels.deploymentOf(resource)
                        .ifPresent(deployment -> changed.accept(cluster, deployment)));
            }
        };
    }
}

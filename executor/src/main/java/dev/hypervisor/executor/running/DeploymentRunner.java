package dev.hypervisor.executor.running;

import dev.hypervisor.common.deployment.ReportedStatus;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentPreempting;
import dev.hypervisor.executor.config.ExecutorConfig;
import dev.hypervisor.executor.jobs.ImagePull;
import dev.hypervisor.executor.jobs.JobEnding;
import dev.hypervisor.executor.jobs.JobLabels;
import dev.hypervisor.executor.jobs.JobTemplate;
import dev.hypervisor.executor.kubernetes.ClusterJobs;
import dev.hypervisor.executor.kubernetes.JobTargets;
import dev.hypervisor.executor.report.ReportNotSentException;
import dev.hypervisor.executor.report.StatusReports;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs Hypervisor's deployments as Jobs and tells it how they end. Placements, stops and ends come from the
 * deployment events ({@code PlacementFollower}); what the Jobs and pods do comes from Kubernetes ({@link #check}
 * on every change the informers see, and every few seconds for what only time decides). Every action is idempotent
 * by deployment id, so a redelivered event changes nothing, and every report is sent once per Job: the Job is
 * annotated with it once Kafka has it.
 */
@ApplicationScoped
public class DeploymentRunner {

    private static final Logger LOG = Logger.getLogger(DeploymentRunner.class);

    private static final int HTTP_BAD_REQUEST = 400;
    private static final int HTTP_UNPROCESSABLE = 422;

    private final ClusterJobs jobs;
    private final JobTargets targets;
    private final StatusReports reports;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final String executorId;
    private final Duration pullTimeout;
    /** Deployments asked to stop, by cluster: their replicas are going, and {@code STOPPED} is due once gone. */
    private final Map<UUID, UUID> stopping = new ConcurrentHashMap<>();
    /** Since when a deployment's image has not been pulled, while it has not. */
    private final Map<UUID, Instant> pullStuckSince = new ConcurrentHashMap<>();
    /** Jobs (by uid) reported but perhaps not yet annotated as such. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public DeploymentRunner(ClusterJobs jobs, JobTargets targets, StatusReports reports, MeterRegistry metrics,
                            Clock clock, ExecutorConfig config) {
        this.jobs = jobs;
        this.targets = targets;
        this.reports = reports;
        this.metrics = metrics;
        this.clock = clock;
        this.executorId = config.id();
        this.pullTimeout = config.pullTimeout();
    }

    /**
     * Starts the placed deployment: creates its Job unless it is there. False when a Job of an earlier start is
     * still going away: the caller tries again.
     */
    public boolean place(DeploymentPlaced placed) {
        Job wanted = JobTemplate.of(placed, targets.of(placed.clusterId()), executorId);
        try {
            if (jobs.create(wanted)) {
                metrics.counter("hv.executor.jobs.created").increment();
                return true;
            }
        } catch (KubernetesClientException refused) {
            if (refused.getCode() != HTTP_BAD_REQUEST && refused.getCode() != HTTP_UNPROCESSABLE) {
                throw refused; // unreachable, forbidden, no such namespace: may heal, so tried again
            }
            // the API server will never take this Job (an image name it refuses, say): the deployment fails
            reports.report(placed.deploymentId(), placed.clusterId(), ReportedStatus.FAILED,
                    "Kubernetes refused its Job: " + refused.getMessage());
            return true;
        }
        Optional<Job> existing = jobs.current(placed.clusterId(), placed.deploymentId());
        if (existing.isPresent() && JobLabels.attemptOf(existing.get()) >= placed.attempt()) {
            return true; // a redelivered placement: its Job is there
        }
        // a Job of an earlier start, retried or preempted since, which its end's event has not yet removed
        existing.ifPresent(earlier -> jobs.delete(placed.clusterId(), placed.deploymentId()));
        return false;
    }

    /** Asks the deployment's replicas to checkpoint and stop by {@code stopBy}; {@code STOPPED} follows when they have. */
    public void stop(DeploymentPreempting preempting) {
        long grace = Math.max(0, Duration.between(clock.instant(), preempting.stopBy()).toSeconds());
        stopping.put(preempting.deploymentId(), preempting.clusterId());
        jobs.stop(preempting.clusterId(), preempting.deploymentId(), grace);
        check(preempting.clusterId(), preempting.deploymentId());
    }

    /** Goes on stopping a deployment found stopping after a restart (its replicas were asked before). */
    public void resumeStopping(UUID clusterId, UUID deploymentId, long graceSeconds) {
        stopping.put(deploymentId, clusterId);
        jobs.stop(clusterId, deploymentId, graceSeconds);
    }

    /** The deployment no longer runs (ended, preempted, retried or cancelled): its Job and pods go. */
    public void end(UUID clusterId, UUID deploymentId) {
        stopping.remove(deploymentId);
        pullStuckSince.remove(deploymentId);
        jobs.delete(clusterId, deploymentId);
    }

    /** The deployments it runs on the cluster, or stops there: what its heartbeat lists. */
    public List<UUID> held(UUID clusterId) {
        Set<UUID> held = new HashSet<>();
        jobs.jobs().stream().filter(job -> JobLabels.clusterOf(job).filter(clusterId::equals).isPresent())
                .forEach(job -> held.add(JobLabels.deploymentOf(job).orElseThrow()));
        stopping.forEach((deployment, cluster) -> {
            if (cluster.equals(clusterId)) {
                held.add(deployment);
            }
        });
        return List.copyOf(held);
    }

    /** Looks at every deployment it knows of: what changed may have been missed, and time decides some things. */
    public void checkAll() {
        Map<UUID, UUID> known = new HashMap<>(stopping);
        jobs.jobs().forEach(job -> known.put(JobLabels.deploymentOf(job).orElseThrow(),
                JobLabels.clusterOf(job).orElseThrow()));
        known.forEach((deployment, cluster) -> check(cluster, deployment));
    }

    /** Looks at one deployment's Job and pods, after they changed. */
    public synchronized void check(UUID clusterId, UUID deploymentId) {
        try {
            Optional<Job> job = jobs.jobOf(clusterId, deploymentId);
            List<Pod> pods = jobs.podsOf(deploymentId);
            if (job.isPresent() && !alreadyReported(job.get())) {
                checkRunning(job.get(), clusterId, deploymentId, pods);
            }
            if (job.isEmpty() && pods.isEmpty() && stopping.containsKey(deploymentId)) {
                reports.report(deploymentId, clusterId, ReportedStatus.STOPPED, "its replicas stopped");
                stopping.remove(deploymentId); // only once sent: a report Kafka did not take is sent on the next look
                metrics.counter("hv.executor.jobs.ended", "outcome", ReportedStatus.STOPPED.name()).increment();
            }
        } catch (ReportNotSentException | KubernetesClientException e) {
            LOG.warnf("could not act on deployment %s yet (%s); trying again shortly", deploymentId, e.getMessage());
        }
    }

    private void checkRunning(Job job, UUID clusterId, UUID deploymentId, List<Pod> pods) {
        Optional<JobEnding> ending = JobEnding.of(job, pods);
        if (ending.isPresent()) {
            report(job, clusterId, deploymentId, ending.get());
            return;
        }
        Optional<String> pullTrouble = pods.stream().flatMap(pod -> ImagePull.trouble(pod).stream()).findFirst();
        if (pullTrouble.isEmpty()) {
            pullStuckSince.remove(deploymentId);
            return;
        }
        Instant since = pullStuckSince.computeIfAbsent(deploymentId, stuck -> clock.instant());
        if (!clock.instant().isBefore(since.plus(pullTimeout))) {
            report(job, clusterId, deploymentId, new JobEnding(ReportedStatus.FAILED, "its image was not pulled within "
                    + pullTimeout.toSeconds() + " s: " + pullTrouble.get()));
            pullStuckSince.remove(deploymentId);
            jobs.delete(clusterId, deploymentId);
        }
    }

    private void report(Job job, UUID clusterId, UUID deploymentId, JobEnding ending) {
        reports.report(deploymentId, clusterId, ending.status(), ending.message());
        reported.add(job.getMetadata().getUid());
        metrics.counter("hv.executor.jobs.ended", "outcome", ending.status().name()).increment();
        jobs.markReported(job, ending.status().name());
    }

    private boolean alreadyReported(Job job) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        return reported.contains(job.getMetadata().getUid())
                || (annotations != null && annotations.containsKey(JobLabels.REPORTED));
    }
}

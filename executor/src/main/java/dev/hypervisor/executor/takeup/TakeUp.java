package dev.hypervisor.executor.takeup;

import dev.hypervisor.executor.hypervisor.DeploymentsApi.DeploymentState;
import dev.hypervisor.executor.hypervisor.RunningDeployments;
import dev.hypervisor.executor.jobs.JobLabels;
import dev.hypervisor.executor.kubernetes.ClusterJobs;
import dev.hypervisor.executor.running.DeploymentRunner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What the executor does with the Jobs it finds when it starts (after a restart, or a crash): it asks Hypervisor
 * about each one's deployment. One Hypervisor still runs, as the same start, it keeps (its informers watch it
 * from then on, and its heartbeats list it); one Hypervisor is stopping, it goes on stopping; any other (ended,
 * waiting again, started anew since, or unknown) is an orphan, and its Job and pods are deleted. Events that came
 * while it was away follow from the consumer group's committed offset, after this.
 */
@ApplicationScoped
public class TakeUp {

    private static final Logger LOG = Logger.getLogger(TakeUp.class);
    /** The grace a stop found half done gets again: the event that said how long it had is behind us. */
    static final long RESUMED_STOP_GRACE_SECONDS = 30;

    private final ClusterJobs jobs;
    private final DeploymentRunner runner;
    private final RunningDeployments hypervisor;

    public TakeUp(ClusterJobs jobs, DeploymentRunner runner, RunningDeployments hypervisor) {
        this.jobs = jobs;
        this.runner = runner;
        this.hypervisor = hypervisor;
    }

    /** Takes up or deletes every Job and pod found; what it found, in counts, for the log. */
    public Result run() {
        Map<UUID, HasMetadata> found = new LinkedHashMap<>();
        Stream.concat(jobs.jobs().stream(), jobs.pods().stream())
                .forEach(resource -> found.putIfAbsent(JobLabels.deploymentOf(resource).orElseThrow(), resource));
        int kept = 0;
        int deleted = 0;
        for (Map.Entry<UUID, HasMetadata> entry : found.entrySet()) {
            UUID deployment = entry.getKey();
            UUID cluster = JobLabels.clusterOf(entry.getValue()).orElse(null);
            if (cluster == null) {
                continue; // not a Job it made
            }
            Optional<DeploymentState> state = hypervisor.find(deployment);
            int attempt = JobLabels.attemptOf(entry.getValue());
            boolean sameStart = state.filter(known -> known.attempts() == attempt).isPresent();
            String status = state.map(DeploymentState::status).orElse("UNKNOWN");
            if (sameStart && status.equals("RUNNING")) {
                kept++;
            } else if (sameStart && status.equals("PREEMPTING")) {
                runner.resumeStopping(cluster, deployment, RESUMED_STOP_GRACE_SECONDS);
                kept++;
            } else {
                LOG.infof("deleting the Job of deployment %s: Hypervisor has it %s (attempt %s, the Job's %d)",
                        deployment, status, state.map(DeploymentState::attempts).orElse(0), attempt);
                runner.end(cluster, deployment);
                deleted++;
            }
        }
        return new Result(kept, deleted);
    }

    /** How many deployments' Jobs it took up, and how many it deleted as orphans. */
    public record Result(int kept, int deleted) {
    }
}

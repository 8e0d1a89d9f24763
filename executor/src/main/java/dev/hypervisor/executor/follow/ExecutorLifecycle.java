package dev.hypervisor.executor.follow;

import dev.hypervisor.executor.config.ExecutorConfig;
import dev.hypervisor.executor.hypervisor.HypervisorUnavailableException;
import dev.hypervisor.executor.kubernetes.ClusterJobs;
import dev.hypervisor.executor.report.ReportNotSentException;
import dev.hypervisor.executor.report.StatusReports;
import dev.hypervisor.executor.running.DeploymentRunner;
import dev.hypervisor.executor.takeup.TakeUp;
import dev.hypervisor.runtime.kafka.CommittingPollLoop;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The executor's life: at start it watches its Jobs and pods, waits until it has listed them, takes up what it
 * finds ({@link TakeUp}), then follows the deployment events. Meanwhile it looks at its Jobs every
 * {@code check-interval} and, once it has caught up with the events, heartbeats each served cluster every
 * {@code heartbeat-interval} with the deployments it holds there.
 */
@ApplicationScoped
public class ExecutorLifecycle {

    private static final Logger LOG = Logger.getLogger(ExecutorLifecycle.class);

    private final ClusterJobs jobs;
    private final DeploymentRunner runner;
    private final TakeUp takeUp;
    private final DeploymentEventFollower follower;
    private final StatusReports reports;
    private final ExecutorConfig config;
    private volatile boolean running = true;
    private volatile boolean takenUp;
    private Thread thread;

    public ExecutorLifecycle(ClusterJobs jobs, DeploymentRunner runner, TakeUp takeUp,
                             DeploymentEventFollower follower, StatusReports reports, ExecutorConfig config) {
        this.jobs = jobs;
        this.runner = runner;
        this.takeUp = takeUp;
        this.follower = follower;
        this.reports = reports;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        thread = new Thread(this::run, "executor-events");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        follower.wakeUp();
        if (thread != null) {
            thread.join(10_000);
        }
        jobs.stopWatching();
    }

    /** Whether it has taken up what it found at start: the readiness check asks. */
    public boolean takenUp() {
        return takenUp;
    }

    private void run() {
        CommittingPollLoop.untilDone(() -> running, this::watch);
        CommittingPollLoop.untilDone(() -> running, jobs::synced);
        CommittingPollLoop.untilDone(() -> running, this::takeUp);
        follower.follow(() -> running);
    }

    private boolean watch() {
        try {
            jobs.watch(runner::check);
            return true;
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot watch Jobs yet (%s); trying again", e.getMessage());
            return false;
        }
    }

    private boolean takeUp() {
        try {
            TakeUp.Result result = takeUp.run();
            LOG.infof("took up the Jobs of %d deployments, deleted %d orphaned ones", result.kept(), result.deleted());
            takenUp = true;
            return true;
        } catch (HypervisorUnavailableException | KubernetesClientException e) {
            LOG.warnf("cannot take up the Jobs found yet (%s); trying again", e.getMessage());
            return false;
        }
    }

    @Scheduled(every = "${hv.executor.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${hv.executor.check-interval}")
    void check() {
        if (takenUp) {
            runner.checkAll();
        }
    }

    @Scheduled(every = "${hv.executor.heartbeat-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        if (!takenUp || !follower.caughtUp()) {
            return; // until then it cannot say what it runs
        }
        for (UUID cluster : config.clusters()) {
            try {
                reports.heartbeat(cluster, runner.held(cluster), follower.seenUntil(cluster));
            } catch (ReportNotSentException e) {
                LOG.warnf("heartbeat for cluster %s not sent (%s)", cluster, e.getMessage());
            }
        }
    }
}

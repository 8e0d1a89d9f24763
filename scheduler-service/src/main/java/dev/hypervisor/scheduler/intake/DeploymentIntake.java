package dev.hypervisor.scheduler.intake;

import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.scheduler.clusters.ClusterDirectory;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.domain.SchedulingPolicy;
import dev.hypervisor.scheduler.domain.WhatIf;
import dev.hypervisor.scheduler.metrics.SchedulerMetrics;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.persistence.NewDeployment;
import dev.hypervisor.scheduler.queue.ClusterChange;
import dev.hypervisor.scheduler.queue.ClusterChanges;
import dev.hypervisor.scheduler.queue.QueueCache;
import dev.hypervisor.scheduler.scheduling.SchedulingPass;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Submissions through the REST API: checked by the rules, against the caller's role in the cluster's
 * organization and by the cluster ({@link Admission}), then stored as PENDING and queued in one change of the
 * cluster. Impossible requests are refused at once and never queued. The same idempotency key with the same
 * request answers the deployment it created; with another request, 422.
 */
@ApplicationScoped
public class DeploymentIntake {

    private final ClusterChanges changes;
    private final ClusterDirectory directory;
    private final Admission admission;
    private final DeploymentRepository deployments;
    private final SchedulerMetrics metrics;
    private final QueueCache queues;
    private final SchedulingPolicy policy;
    private final Clock clock;

    public DeploymentIntake(ClusterChanges changes, ClusterDirectory directory, Admission admission,
                            DeploymentRepository deployments, SchedulerMetrics metrics, QueueCache queues,
                            SchedulingPass pass, Clock clock) {
        this.changes = changes;
        this.directory = directory;
        this.admission = admission;
        this.deployments = deployments;
        this.metrics = metrics;
        this.queues = queues;
        this.policy = pass.policy();
        this.clock = clock;
    }

    /** Submits for a caller of the REST API, who must be a DEVELOPER or above in the cluster's organization. */
    public Deployment submit(Caller caller, Submission submission, Optional<String> idempotencyKey) {
        try {
            return submitChecked(caller, submission, idempotencyKey);
        } catch (ProblemException refused) {
            metrics.rejected(refused.problem().code());
            throw refused;
        }
    }

    private Deployment submitChecked(Caller caller, Submission submission, Optional<String> idempotencyKey) {
        SubmissionRules.check(submission);
        if (idempotencyKey.isPresent()) {
            Optional<Map.Entry<Deployment, String>> earlier =
                    deployments.findByIdempotencyKey(submission.requestedBy(), idempotencyKey.get());
            if (earlier.isPresent()) {
                return sameRequest(earlier.get(), submission);
            }
        }
        UUID organization = directory.organizationOf(submission.clusterId());
        caller.requireRole(organization, OrgRole.DEVELOPER, "cluster " + submission.clusterId());
        Optional<Deployment> stored;
        try (ClusterChange change = changes.open(List.of(submission.clusterId()))) {
            ClusterQueue queue = change.queue(submission.clusterId());
            Admission.Admitted admitted = admission.check(queue, admission.queuesOf(submission.clusterId()),
                    submission, organization);
            stored = Optional.empty();
            if (deployments.insert(new NewDeployment(admitted.deployment(), idempotencyKey.orElse(null),
                    submission.fingerprint()))) {
                admission.enqueue(queue, admitted);
                stored = Optional.of(admitted.deployment());
            }
            change.commit();
        }
        // Not stored: a request with the same key got in first, meanwhile.
        return stored.orElseGet(() -> sameRequest(deployments.findByIdempotencyKey(submission.requestedBy(),
                idempotencyKey.orElseThrow()).orElseThrow(), submission));
    }

    /**
     * What would happen were the request submitted now, decided by the real policy on the cluster's queue as it
     * is ({@link WhatIf}); nothing is stored or published. A request a submission would refuse is refused the same
     * way.
     */
    public WhatIf.Answer dryRun(Caller caller, Submission submission) {
        SubmissionRules.check(submission);
        UUID organization = directory.organizationOf(submission.clusterId());
        caller.requireRole(organization, OrgRole.DEVELOPER, "cluster " + submission.clusterId());
        ClusterQueue queue = queues.current(submission.clusterId());
        Admission.Admitted admitted = QuarkusTransaction.requiringNew().call(() -> admission.check(queue,
                admission.queuesOf(submission.clusterId()), submission, organization));
        return WhatIf.of(queue, admitted.deployment().queued(), admitted.unmetDependencies(), policy,
                clock.instant());
    }

    private static Deployment sameRequest(Map.Entry<Deployment, String> earlier, Submission submission) {
        if (!submission.fingerprint().equals(earlier.getValue())) {
            throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used for another request (deployment " + earlier.getKey().id() + ")");
        }
        return earlier.getKey();
    }
}

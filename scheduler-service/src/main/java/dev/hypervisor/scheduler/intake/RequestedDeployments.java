package dev.hypervisor.scheduler.intake;

import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.scheduler.clusters.ClusterDirectory;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.QueueChoice;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.persistence.NewDeployment;
import dev.hypervisor.scheduler.queue.ClusterChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Submissions that arrive as {@code DeploymentRequested} events (whoever may write the intake topic may submit),
 * in two halves: {@link #screen} before the change (what breaks the rules, or names a cluster nobody knows, is
 * rejected at once), {@link #storeWithin} inside it. A request refused is answered by one
 * {@code DeploymentRejected} event ({@link Rejections}); a redelivered request changes nothing.
 */
@ApplicationScoped
public class RequestedDeployments {

    private final ClusterDirectory directory;
    private final Admission admission;
    private final DeploymentRepository deployments;
    private final Rejections rejections;

    public RequestedDeployments(ClusterDirectory directory, Admission admission, DeploymentRepository deployments,
                                Rejections rejections) {
        this.directory = directory;
        this.admission = admission;
        this.deployments = deployments;
        this.rejections = rejections;
    }

    /** Requests for one cluster that passed {@link #screen}, in order. */
    public record Screened(UUID organization, Map<EventEnvelope<DeploymentRequested>, Submission> requests) {

        static final Screened NONE = new Screened(null, Map.of());

        public boolean isEmpty() {
            return requests.isEmpty();
        }
    }

    /**
     * Rejects what breaks the rules or names a cluster nobody knows, each in a transaction of its own, without
     * asking cluster-service anything for what breaks the rules; answers the rest.
     */
    public Screened screen(UUID clusterId, List<EventEnvelope<DeploymentRequested>> requests) {
        Map<EventEnvelope<DeploymentRequested>, Submission> wellFormed = new LinkedHashMap<>();
        for (EventEnvelope<DeploymentRequested> request : requests) {
            try {
                Submission submission = Submission.of(request);
                SubmissionRules.check(submission);
                wellFormed.put(request, submission);
            } catch (ProblemException refused) {
                rejections.reject(request, refused.problem().code(), refused.problem().detail());
            }
        }
        if (wellFormed.isEmpty()) {
            return Screened.NONE;
        }
        try {
            return new Screened(directory.organizationOf(clusterId), wellFormed);
        } catch (ProblemException unknownCluster) {
            refuse(wellFormed.keySet(), unknownCluster);
            return Screened.NONE;
        }
    }

    /** Rejects the requests for the same reason, each in a transaction of its own. */
    public void refuse(Collection<EventEnvelope<DeploymentRequested>> requests, ProblemException refused) {
        requests.forEach(request -> rejections.reject(request, refused.problem().code(),
                refused.problem().detail()));
    }

    /**
     * Stores and queues the screened requests in the change, by cluster, each cluster's in order. Which
     * deployments exist is asked once for all, and the new ones are inserted together at the end; only a request
     * with dependencies has those before it inserted first, since it may depend on them.
     */
    public void storeWithin(ClusterChange change, Map<UUID, Screened> screened) {
        Set<UUID> known = deployments.existing(screened.values().stream()
                .flatMap(requests -> requests.requests().values().stream()).map(Submission::deploymentId).toList());
        List<NewDeployment> admitted = new ArrayList<>();
        Map<UUID, List<QueueChoice.Offered>> offeredByCluster = admission.queuesOf(screened.keySet());
        screened.forEach((clusterId, requests) -> {
            ClusterQueue queue = change.queue(clusterId);
            List<QueueChoice.Offered> offered = offeredByCluster.get(clusterId);
            for (Map.Entry<EventEnvelope<DeploymentRequested>, Submission> entry : requests.requests().entrySet()) {
                Submission submission = entry.getValue();
                if (!known.add(submission.deploymentId())) {
                    continue; // stored before, or requested twice in these events
                }
                try {
                    if (!submission.dependsOn().isEmpty()) {
                        deployments.insertAll(admitted);
                        admitted.clear();
                    }
                    Admission.Admitted taken = admission.check(queue, offered, submission, requests.organization());
                    admitted.add(new NewDeployment(taken.deployment(), null, submission.fingerprint()));
                    admission.enqueue(queue, taken);
                } catch (ProblemException refused) {
                    rejections.rejectWithin(entry.getKey(), refused.problem().code(), refused.problem().detail());
                }
            }
        });
        deployments.insertAll(admitted);
    }
}

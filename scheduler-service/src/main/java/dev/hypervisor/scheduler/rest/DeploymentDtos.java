package dev.hypervisor.scheduler.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.deployment.RetryPolicy;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.PendingReason;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.domain.RunDuration;
import dev.hypervisor.scheduler.domain.WhatIf;
import dev.hypervisor.scheduler.intake.Submission;
import dev.hypervisor.scheduler.query.DeploymentQueries.Explained;
import dev.hypervisor.scheduler.query.DeploymentQueries.QueueListing;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of the Deployments API. */
final class DeploymentDtos {

    private DeploymentDtos() {
    }

    /** The fields' rules beyond presence are {@link dev.hypervisor.scheduler.intake.SubmissionRules}. */
    record SubmitRequest(
            String name,
            @NotNull UUID clusterId,
            String image,
            @NotNull Resources resources,
            @NotNull Priority priority,
            List<@NotNull UUID> dependsOn,
            Map<String, String> labels,
            String queue,
            @Schema(description = "how long it may run before it ends FAILED with failureReason TIMED_OUT: a whole"
                    + " number and a unit (90s, 30m, 2h, 1d), at most 30 days; none: no limit", example = "2h")
            String maxRunDuration,
            @Schema(description = "how often it may start (maxAttempts 1-10, default 1) and after which failures it"
                    + " starts again (on: FAILED, TIMED_OUT, EXECUTOR_LOST; default all)")
            RetryPolicy retry,
            @Schema(description = "a gang: this many replicas, each with resources, start together or not at all"
                    + " (1-1000, default 1)", example = "8")
            Integer replicas,
            @Schema(description = "the gang may start with this many or more, as many as fit (1-replicas, default"
                    + " replicas)", example = "4")
            Integer minReplicas) {

        Submission toSubmission(String requestedBy) {
            return new Submission(UUID.randomUUID(), clusterId, name, image, resources, priority, dependsOn, labels,
                    requestedBy, queue, maxRunDuration, retry, replicas, minReplicas);
        }
    }

    record StatusRequest(
            @Schema(description = "COMPLETED, FAILED, or STOPPED (a PREEMPTING deployment stopped)",
                    example = "COMPLETED") @NotNull String status,
            @Size(max = 1000) String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PendingView(PendingReason.Reason reason, String message, int position, List<UUID> waitingFor,
                       @JsonProperty("short") Map<String, Object> shortBy,
                       @Schema(description = "when it would start at the latest (to the second) were nothing"
                               + " else submitted, as every running deployment it waits for reaches its"
                               + " maxRunDuration; null when one of them has none")
                       @JsonInclude(JsonInclude.Include.ALWAYS) Instant estimatedStartAt) {

        static PendingView of(PendingReason reason, Instant estimatedStartAt) {
            Map<String, Object> shortBy = null;
            if (reason.shortBy() != null) {
                shortBy = new LinkedHashMap<>();
                Resources missing = reason.shortBy();
                if (missing.cpuMillis() > 0) {
                    shortBy.put("cpu", missing.cpu());
                }
                if (missing.memoryBytes() > 0) {
                    shortBy.put("memory", missing.memory());
                }
                if (missing.gpu() > 0) {
                    shortBy.put("gpu", missing.gpu());
                }
            }
            return new PendingView(reason.reason(), reason.message(), reason.position(),
                    reason.waitingFor().isEmpty() ? null : reason.waitingFor(), shortBy,
                    estimatedStartAt == null ? null : toTheSecondAfter(estimatedStartAt));
        }

        /** An estimate in whole seconds, never earlier than it was: "at the latest" stays true. */
        private static Instant toTheSecondAfter(Instant instant) {
            Instant second = instant.truncatedTo(ChronoUnit.SECONDS);
            return second.equals(instant) ? second : second.plusSeconds(1);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeploymentView(UUID id, String name, UUID clusterId, UUID organizationId, String userId, String image,
                          Resources resources, Priority priority, DeploymentStatus status, List<UUID> dependsOn,
                          Map<String, String> labels, Instant createdAt, Instant startedAt, Instant finishedAt,
                          int preemptions, String message, String queue, String maxRunDuration,
                          Instant deadline, String failureReason, RetryPolicy retry, int attempts,
                          int replicas, int minReplicas, Integer replicasRunning, PendingView pending) {

        static DeploymentView of(Deployment deployment) {
            return of(Explained.notWaiting(deployment));
        }

        static DeploymentView of(Explained explained) {
            Deployment d = explained.deployment();
            return new DeploymentView(d.id(), d.name(), d.clusterId(), d.organizationId(), d.requestedBy(), d.image(),
                    d.resources(), d.priority(), d.status(), d.dependsOn(), d.labels(), d.submittedAt(),
                    d.startedAt(), d.finishedAt(), d.preemptions(), d.message(), d.queue(),
                    d.maxRunDuration() == null ? null : RunDuration.format(d.maxRunDuration()),
                    d.status() == DeploymentStatus.RUNNING ? d.deadline() : null, d.failureReason(), d.retry(),
                    d.attempts(), d.replicas(), d.minReplicas(),
                    d.status() == DeploymentStatus.RUNNING || d.status() == DeploymentStatus.PREEMPTING
                            ? d.replicasRunning() : null,
                    explained.pending().map(reason -> PendingView.of(reason, explained.estimatedStartAt()))
                            .orElse(null));
        }
    }

    /** What would happen were the request submitted now. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DryRunView(boolean wouldStart, List<UUID> preempts, PendingView pending) {

        static DryRunView of(WhatIf.Answer answer) {
            return new DryRunView(answer.wouldStart(), answer.preempts(),
                    answer.pending() == null ? null : PendingView.of(answer.pending(), answer.estimatedStartAt()));
        }
    }

    /** A deployment's timeline: its events' envelopes, oldest first. */
    record HistoryView(List<JsonNode> items) {

        static HistoryView of(List<byte[]> envelopes, ObjectMapper json) {
            List<JsonNode> items = new ArrayList<>();
            for (byte[] envelope : envelopes) {
                try {
                    items.add(json.readTree(envelope));
                } catch (IOException e) {
                    throw new IllegalStateException("a stored event is not JSON", e); // the relay wrote it
                }
            }
            return new HistoryView(items);
        }
    }

    /** A page of a cluster's queue, as every list is paged, with how many wait in all. */
    record QueueView(UUID clusterId, List<DeploymentView> items,
                     @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor, int total) {

        static QueueView of(UUID clusterId, QueueListing listing) {
            return new QueueView(clusterId, listing.items().stream().map(DeploymentView::of).toList(),
                    listing.nextCursor(), listing.total());
        }
    }
}

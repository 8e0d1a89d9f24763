package dev.hypervisor.executor.follow;

import dev.hypervisor.common.event.DeploymentCancelled;
import dev.hypervisor.common.event.DeploymentCompleted;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentFailed;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.event.DeploymentPreempting;
import dev.hypervisor.common.event.DeploymentRetried;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.event.UnreadableEventException;
import dev.hypervisor.executor.config.ExecutorConfig;
import dev.hypervisor.executor.jobs.JobLabels;
import dev.hypervisor.executor.kubernetes.JobTargets;
import dev.hypervisor.executor.report.ReportNotSentException;
import dev.hypervisor.executor.running.DeploymentRunner;
import dev.hypervisor.runtime.kafka.CommittingPollLoop;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows {@code hypervisor.deployment.events} for the clusters the executor serves, in its own consumer group, and
 * acts on each event before its offset is committed: a placement starts a Job, {@code DeploymentPreempting} stops
 * its replicas, and an end (completed, failed, cancelled, preempted, retried) deletes it. An action Kubernetes
 * refuses is tried again, waiting longer each time, so an event is never passed over; redelivered ones change
 * nothing. It also keeps what the heartbeats say they have seen of each cluster.
 */
@ApplicationScoped
public class DeploymentEventFollower {

    private static final Logger LOG = Logger.getLogger(DeploymentEventFollower.class);

    private final EventCodec codec = new EventCodec();
    private final DeploymentRunner runner;
    private final JobTargets targets;
    private final Clock clock;
    private final String executorId;
    private final String bootstrapServers;
    /** Per cluster, the time of the newest event taken up. */
    private final Map<UUID, Instant> newestSeen = new ConcurrentHashMap<>();
    /** When the follower last had everything there was (its lag 0 as of that poll), or null before it did. */
    private volatile Instant caughtUpAt;
    private volatile Instant lastPollStart;
    private final AtomicLong lag = new AtomicLong();
    private volatile KafkaConsumer<String, byte[]> consumer;

    public DeploymentEventFollower(DeploymentRunner runner, JobTargets targets, Clock clock, ExecutorConfig config,
                                   MeterRegistry metrics,
                                   @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.runner = runner;
        this.targets = targets;
        this.clock = clock;
        this.executorId = config.id();
        this.bootstrapServers = bootstrapServers;
        metrics.gauge("hv.executor.events.lag", lag);
    }

    /** Follows the events until {@code running} turns false; on the calling thread. */
    public void follow(BooleanSupplier running) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "hypervisor-executor-" + executorId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DEPLOYMENT_EVENTS));
        lastPollStart = clock.instant();
        CommittingPollLoop.run(consumer, running, records -> handle(records, running), this::afterPoll, LOG,
                "the executor's event follower");
    }

    public void wakeUp() {
        KafkaConsumer<String, byte[]> following = consumer;
        if (following != null) {
            following.wakeup();
        }
    }

    /** Whether it has once had every event there was: before that, a heartbeat would not know what runs. */
    public boolean caughtUp() {
        return caughtUpAt != null;
    }

    /**
     * What a heartbeat for the cluster may say it has seen: its newest event taken up, or, later, the last moment
     * the follower had every event there was (events of a cluster quiet since are all behind it).
     */
    public Instant seenUntil(UUID clusterId) {
        Instant newest = newestSeen.get(clusterId);
        Instant caughtUp = caughtUpAt;
        if (newest == null) {
            return caughtUp;
        }
        return caughtUp == null || newest.isAfter(caughtUp) ? newest : caughtUp;
    }

    private void handle(ConsumerRecords<String, byte[]> records, BooleanSupplier running) {
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope<DeploymentEvent> event;
            try {
                event = codec.decode(record.value());
            } catch (UnreadableEventException skipped) {
                continue; // not ours to judge; the executor acts only on what it understands
            }
            UUID cluster = event.data().clusterId();
            if (!targets.serves(cluster)) {
                continue;
            }
            CommittingPollLoop.untilDone(running, () -> act(event.data()));
            newestSeen.merge(cluster, event.time(), (before, now) -> now.isAfter(before) ? now : before);
        }
    }

    /** True once done (or nothing was to be done); false to be tried again. */
    private boolean act(DeploymentEvent event) {
        try {
            if (event instanceof DeploymentPlaced placed) {
                return !ours(placed) || runner.place(placed);
            }
            if (event instanceof DeploymentPreempting preempting) {
                runner.stop(preempting);
            } else if (event instanceof DeploymentPreempted || event instanceof DeploymentCancelled
                    || event instanceof DeploymentFailed || event instanceof DeploymentRetried
                    || event instanceof DeploymentCompleted) {
                runner.end(event.clusterId(), event.deploymentId());
            }
            return true;
        } catch (KubernetesClientException | ReportNotSentException e) {
            LOG.warnf("could not yet do what %s of deployment %s asks (%s); trying again",
                    event.getClass().getSimpleName(), event.deploymentId(), e.getMessage());
            return false;
        }
    }

    /** A deployment labelled for another executor is that one's to run. */
    private boolean ours(DeploymentPlaced placed) {
        return placed.labels().getOrDefault(JobLabels.EXECUTOR, executorId).equals(executorId);
    }

    private void afterPoll() {
        Instant pollStart = lastPollStart;
        lastPollStart = clock.instant();
        long behind = 0;
        boolean known = !consumer.assignment().isEmpty();
        for (var partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            if (partitionLag.isEmpty()) {
                known = false;
            } else {
                behind += partitionLag.getAsLong();
            }
        }
        lag.set(behind);
        if (known && behind == 0) {
            caughtUpAt = pollStart;
        }
    }
}

package dev.hypervisor.stack;

import dev.hypervisor.common.deployment.ReportedStatus;
import dev.hypervisor.common.event.DeploymentCancelled;
import dev.hypervisor.common.event.DeploymentCompleted;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentFailed;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.event.DeploymentPreempting;
import dev.hypervisor.common.event.DeploymentRetried;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.ExecutorHeartbeat;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.event.UnreadableEventException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The local stack's stand-in for a real executor: it "runs" the deployments that ask for it and reports their
 * end on the status topic, as an executor would. A placed deployment with the label
 * {@code hypervisor.dev/run-for} (such as {@code "30s"}, {@code "500ms"}, {@code "2m"}) is reported
 * {@code COMPLETED} that long after it started, or {@code FAILED} when it also has
 * {@code hypervisor.dev/outcome: "FAILED"}. A deployment without the label runs until someone reports it.
 * Preempted, cancelled or failed deployments stop "running" here too. A gang runs as one: its replicas start,
 * end and are reported together. Asked to stop for a graceful preemption ({@code DeploymentPreempting}), a
 * deployment "checkpoints" for its {@code hypervisor.dev/stop-after} label's duration (none: at once) and is
 * reported {@code STOPPED}; a stop-after longer than the cluster's grace period lets the period run out instead.
 * Every {@link #HEARTBEAT} it sends an {@code ExecutorHeartbeat} for each cluster it runs deployments on, listing
 * them and how far it has read the cluster's events, so those clusters hold a lease: stop the stack's executor and
 * their deployments end {@code EXECUTOR_LOST}. It reads the events topic from its beginning the first time, so it
 * knows every placement of a fresh stack; restarted on an existing one, it knows only what was placed since, and
 * the rest is lost. A deployment labelled {@code hypervisor.dev/executor} with another executor's name is not its
 * own: it neither runs nor lists it.
 */
final class SimulatedExecutor implements AutoCloseable {

    static final String RUN_FOR = "hypervisor.dev/run-for";
    static final String OUTCOME = "hypervisor.dev/outcome";
    static final String STOP_AFTER = "hypervisor.dev/stop-after";
    static final String EXECUTOR = "hypervisor.dev/executor";
    /** How often it tells the scheduler what it runs (API.md: at least every 10 s). */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final String EXECUTOR_ID = "simulated-executor";
    private static final Pattern DURATION = Pattern.compile("^\\s*(\\d+)\\s*(ms|s|m|h)\\s*$");

    private final EventCodec codec = new EventCodec();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "simulated-executor-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, ScheduledFuture<?>> runs = new ConcurrentHashMap<>();
    /** What each deployment running here was placed with, for its labels when it is asked to stop. */
    private final Map<UUID, DeploymentPlaced> placements = new ConcurrentHashMap<>();
    /** Per cluster, the time of the newest event taken up: what its heartbeats say they have seen. */
    private final Map<UUID, Instant> seenUntil = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    SimulatedExecutor(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "simulated-executor",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // A deployment runs for its label's duration anyway: fetching in batches, at most 100 ms late,
                // spares the broker a fetch for every few events when the stack is busy.
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), new StringDeserializer(),
                new ByteArrayDeserializer());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        thread = new Thread(this::run, "simulated-executor");
        thread.setDaemon(true);
        thread.start();
        timers.scheduleAtFixedRate(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** How long a deployment with these labels runs here; empty when it does not ask to be run. */
    static Optional<Duration> runFor(Map<String, String> labels) {
        return duration(labels.get(RUN_FOR));
    }

    /** A label's duration ({@code "500ms"}, {@code "30s"}, {@code "2m"}, {@code "1h"}); empty when it is none. */
    static Optional<Duration> duration(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        });
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.DEPLOYMENT_EVENTS));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        EventEnvelope<DeploymentEvent> event = codec.decode(record.value());
                        handle(event.data());
                        // after handling it, so a heartbeat that says it has seen the event lists what it placed
                        seenUntil.merge(event.data().clusterId(), event.time(),
                                (before, now) -> now.isAfter(before) ? now : before);
                    } catch (UnreadableEventException skipped) {
                        // not ours to judge; the executor only acts on what it understands
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void handle(DeploymentEvent event) {
        if (event instanceof DeploymentPlaced placed) {
            if (!placed.labels().getOrDefault(EXECUTOR, EXECUTOR_ID).equals(EXECUTOR_ID)) {
                return; // another executor's
            }
            placements.put(placed.deploymentId(), placed);
            runFor(placed.labels()).ifPresent(duration -> {
                ReportedStatus outcome = "FAILED".equalsIgnoreCase(placed.labels().get(OUTCOME))
                        ? ReportedStatus.FAILED : ReportedStatus.COMPLETED;
                replaceRun(placed.deploymentId(), timers.schedule(() -> report(placed, outcome),
                        duration.toMillis(), TimeUnit.MILLISECONDS));
            });
        } else if (event instanceof DeploymentPreempting preempting) {
            DeploymentPlaced placed = placements.get(preempting.deploymentId());
            if (placed != null) {
                Duration checkpoint = duration(placed.labels().get(STOP_AFTER)).orElse(Duration.ZERO);
                replaceRun(placed.deploymentId(), timers.schedule(() -> report(placed, ReportedStatus.STOPPED),
                        checkpoint.toMillis(), TimeUnit.MILLISECONDS));
            }
        } else if (event instanceof DeploymentPreempted || event instanceof DeploymentCancelled
                || event instanceof DeploymentFailed || event instanceof DeploymentRetried
                || event instanceof DeploymentCompleted) {
            placements.remove(event.deploymentId());
            ScheduledFuture<?> run = runs.remove(event.deploymentId());
            if (run != null) {
                run.cancel(false);
            }
        }
    }

    /** The deployment's next report is this one: the one due before (its end) is called off. */
    private void replaceRun(UUID deploymentId, ScheduledFuture<?> next) {
        ScheduledFuture<?> earlier = runs.put(deploymentId, next);
        if (earlier != null) {
            earlier.cancel(false);
        }
    }

    private void report(DeploymentPlaced placed, ReportedStatus outcome) {
        runs.remove(placed.deploymentId());
        String ran = placed.replicas() == 1 ? "ran" : placed.replicas() + " replicas ran";
        String message = switch (outcome) {
            case COMPLETED -> ran + " for " + placed.labels().get(RUN_FOR);
            case FAILED -> "failed as its labels asked";
            case STOPPED -> "checkpointed and stopped";
        };
        EventEnvelope<DeploymentStatusReported> report = EventEnvelope.of("simulated-executor",
                new DeploymentStatusReported(placed.deploymentId(), placed.clusterId(), outcome, message),
                Clock.systemUTC());
        producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_STATUS, report.key(), codec.encode(report)));
    }

    /**
     * One heartbeat for each cluster it runs deployments on, listing them. How far it has read is taken before what
     * it runs, so every placement it says it has seen is in the list.
     */
    private void heartbeat() {
        Map<UUID, Instant> seen = Map.copyOf(seenUntil);
        Map<UUID, List<UUID>> byCluster = new HashMap<>();
        placements.values().stream().filter(placed -> seen.containsKey(placed.clusterId())).forEach(placed ->
                byCluster.computeIfAbsent(placed.clusterId(), cluster -> new ArrayList<>()).add(placed.deploymentId()));
        byCluster.forEach((clusterId, running) -> {
            EventEnvelope<ExecutorHeartbeat> beat = EventEnvelope.of(EXECUTOR_ID,
                    new ExecutorHeartbeat(clusterId, EXECUTOR_ID, running, seen.get(clusterId)), Clock.systemUTC());
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_STATUS, beat.key(), codec.encode(beat)));
        });
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        timers.shutdownNow();
        producer.close(Duration.ofSeconds(2));
    }
}

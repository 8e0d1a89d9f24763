package dev.hypervisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypervisor.common.deployment.ReportedStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.event.DeploymentQueued;
import dev.hypervisor.common.event.DeploymentRejected;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.resources.Resources;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Requests deployments at a steady rate on many clusters, through Kafka ({@code DeploymentRequested} events)
 * or the REST API, and measures from the {@code DeploymentPlaced} events: placements per second and the time
 * from request to placement. It also plays the executor: every placed deployment is reported
 * {@code COMPLETED} at once on the status topic, so capacity recycles. At the end it counts duplicate
 * placements and redelivered placement events apart ({@link PlacementCounts}), prints the CPU each process used
 * per placement ({@link CpuUse}), and checks the ledger's audit and every cluster's allocation.
 */
final class PlacementLoad {

    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Resources SMALL = new Resources(100, 64L << 20, 0);

    /**
     * {@code reportEvery}: print a line of figures (and memory) each interval, and a soak verdict at the end;
     * {@code replicas}: each request a gang of so many replicas (1: single deployments).
     */
    record Settings(String identity, String clusterService, String scheduler, String kafka, String door, int rate,
                    int clusters, Duration duration, Duration reportEvery, Path home, int queues, int replicas,
                    String gateway, int streams) {
    }

    private final Settings settings;
    private final QueueMix mix;
    /** The queue each deployment was requested in, while the benchmark waits for it (queues variant only). */
    private final Map<UUID, String> queueOf = new ConcurrentHashMap<>();
    private final ScheduledExecutorService completeLater = Executors.newSingleThreadScheduledExecutor();
    private final Api api = new Api();
    private final EventCodec codec = new EventCodec();
    private final Map<UUID, Long> requestedAt = new ConcurrentHashMap<>();
    private final PlacementCounts placements = new PlacementCounts();
    /** Through REST, a placement can be seen before the answer that names the deployment. */
    private final Map<UUID, Long> placedBeforeAnswer = new ConcurrentHashMap<>();
    private final AtomicLong replicasPlaced = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Latencies latencies = new Latencies();
    private final LatencyStages stages = new LatencyStages();
    private Latencies interval = new Latencies();
    private volatile boolean measuring;
    private volatile boolean consuming = true;

    PlacementLoad(Settings settings) {
        this.settings = settings;
        this.mix = new QueueMix(settings.queues());
    }

    void run() throws Exception {
        Map<String, String> owner = api.ownerOfNewOrganization(settings.identity(), "placement benchmark");
        List<UUID> clusters = api.newClusters(settings.clusterService(), owner, settings.clusters(),
                        Map.of("cpu", "100", "memory", "64Gi", "gpu", 0)).stream().map(UUID::fromString).toList();
        if (mix.divided()) {
            mix.define(api, settings.scheduler(), owner.get("token"), clusters);
        }
        SoakReport report = settings.reportEvery().isZero() ? null : new SoakReport(settings.home(), Map.of(
                "scheduler-service", settings.scheduler(), "cluster-service", settings.clusterService()));
        try (KafkaProducer<String, byte[]> producer = producer();
             LoadClient rest = new LoadClient(settings.scheduler(), 64, owner.get("token"));
             StreamWatchers watchers = settings.streams() == 0 ? null : new StreamWatchers(settings.gateway(),
                     owner.get("token"), clusters.get(0), settings.streams())) {
            CountDownLatch listening = new CountDownLatch(1);
            Thread executor = new Thread(() -> placeAndComplete(producer, listening), "bench-executor");
            executor.start();
            listening.await();
            send(WARM_UP, clusters, producer, rest, owner.get("token"));
            measuring = true;
            if (watchers != null) {
                watchers.measuring(true);
            }
            long placedBefore = placements.placements();
            long replicasBefore = replicasPlaced.get();
            CpuUse cpu = new CpuUse(settings.home());
            Optional<CpuUse.Sample> cpuBefore = cpu.sample();
            long started = System.nanoTime();
            Thread reporter = report == null ? null : startReporting(report, started);
            long sent = send(settings.duration(), clusters, producer, rest, owner.get("token"));
            double seconds = (System.nanoTime() - started) / 1e9;
            long placedInWindow = placements.placements() - placedBefore;
            long replicasInWindow = replicasPlaced.get() - replicasBefore;
            Optional<CpuUse.Sample> cpuAfter = cpu.sample();
            measuring = false;
            if (watchers != null) {
                watchers.measuring(false);
            }
            if (reporter != null) {
                reporter.interrupt();
                reporter.join();
            }
            awaitDrained();
            completeLater.shutdown(); // the completions still due are sent, and then the executor stops
            completeLater.awaitTermination(QueueMix.FLOOD_HOLD.toSeconds() + 5, TimeUnit.SECONDS);
            consuming = false;
            executor.join();
            System.out.printf(Locale.ROOT, "placements through %s, %d clusters, offered %d/s for %d s: sent %,d,"
                            + " placed %,.0f/s; request to placement %s; %d rejected, %d errors, %d duplicate"
                            + " placements, %d placement events redelivered, %d never placed%n",
                    settings.door(), settings.clusters(), settings.rate(), settings.duration().toSeconds(), sent,
                    placedInWindow / seconds, latencies.summary(), rejected.get(), errors.get(),
                    placements.count(PlacementCounts.Seen.DUPLICATE), placements.count(PlacementCounts.Seen.REDELIVERY),
                    requestedAt.size());
            if (settings.replicas() > 1) {
                System.out.printf(Locale.ROOT, "gangs of %d replicas: %,.0f replicas placed/s%n", settings.replicas(),
                        replicasInWindow / seconds);
            }
            if (settings.door().equals("kafka")) {
                System.out.println(stages.summary());
            }
            if (watchers != null) {
                System.out.println(watchers.summary(seconds));
            }
            if (mix.divided()) {
                System.out.println(mix.summary());
            }
            if (cpuBefore.isPresent() && cpuAfter.isPresent() && placedInWindow > 0) {
                System.out.println(CpuUse.perPlacement(cpuBefore.get(), cpuAfter.get(), placedInWindow));
            }
        }
        System.out.println(audit(clusters, owner.get("token")));
        if (report != null) {
            long duplicates = placements.count(PlacementCounts.Seen.DUPLICATE);
            System.out.println(report.verdict() + "; " + (duplicates == 0 && requestedAt.isEmpty()
                    ? "every request placed once" : duplicates + " duplicates, " + requestedAt.size()
                    + " never placed"));
        }
    }

    /** Every interval, a line of figures for the interval that ended. */
    private Thread startReporting(SoakReport report, long started) {
        Thread reporter = new Thread(() -> {
            report.header();
            long placedBefore = placements.placements();
            try {
                while (true) {
                    Thread.sleep(settings.reportEvery().toMillis());
                    Latencies ended;
                    synchronized (latencies) {
                        ended = interval;
                        interval = new Latencies();
                    }
                    long placedNow = placements.placements();
                    report.record((System.nanoTime() - started) / 1_000_000_000L,
                            (placedNow - placedBefore) / (double) settings.reportEvery().toSeconds(), ended,
                            errors.get());
                    placedBefore = placedNow;
                }
            } catch (InterruptedException done) {
                // the measured window is over
            }
        }, "bench-soak-report");
        reporter.start();
        return reporter;
    }

    /** Sends at the offered rate for the duration; answers how many requests went out. */
    private long send(Duration duration, List<UUID> clusters, KafkaProducer<String, byte[]> producer,
                      LoadClient rest, String token) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < end) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * settings.rate());
            for (; sent < due; sent++) {
                UUID cluster = clusters.get(ThreadLocalRandom.current().nextInt(clusters.size()));
                request(cluster, producer, rest);
            }
            Thread.sleep(1);
        }
        return sent;
    }

    private void request(UUID cluster, KafkaProducer<String, byte[]> producer, LoadClient rest) {
        String queue = mix.pick();
        Resources resources = mix.resources(queue, SMALL);
        if (settings.door().equals("rest")) {
            long at = System.nanoTime();
            Map<String, Object> body = new HashMap<>(Map.of("name", "bench", "clusterId", cluster,
                    "image", "registry.example.com/bench:1", "resources", Map.of("cpu", resources.cpu(),
                            "memory", resources.memory()), "priority", "MEDIUM", "replicas", settings.replicas()));
            if (queue != null) {
                body.put("queue", queue);
            }
            rest.sendForBody(HttpMethod.POST, "/api/v1/deployments", body).onSuccess(answer -> {
                        if (answer.status() == 202) {
                            UUID id = UUID.fromString(answer.body().get("id").asText());
                            if (queue != null) {
                                queueOf.put(id, queue);
                            }
                            Long placedFirst;
                            synchronized (placedBeforeAnswer) {
                                placedFirst = placedBeforeAnswer.remove(id);
                                if (placedFirst == null) {
                                    requestedAt.putIfAbsent(id, at);
                                }
                            }
                            if (placedFirst != null) {
                                measure(id, placedFirst - at);
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                    }).onFailure(failure -> errors.incrementAndGet());
            return;
        }
        UUID id = UUID.randomUUID();
        EventEnvelope<DeploymentRequested> event = EventEnvelope.of("benchmark", new DeploymentRequested(id, cluster,
                "bench", "registry.example.com/bench:1", resources, Priority.MEDIUM, List.of(), Map.of(), null, queue,
                null, null, settings.replicas() == 1 ? null : settings.replicas(), null), Clock.systemUTC());
        if (queue != null) {
            queueOf.put(id, queue);
        }
        requestedAt.put(id, System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, cluster.toString(), codec.encode(event)),
                (metadata, failure) -> {
                    if (failure != null) {
                        errors.incrementAndGet();
                    }
                });
    }

    /** Reads placements, measures them, and completes each deployment as an executor would. */
    private void placeAndComplete(KafkaProducer<String, byte[]> producer, CountDownLatch listening) {
        EventsFollower.follow(settings.kafka(), listening, () -> consuming, envelope -> handle(envelope, producer));
    }

    private void handle(EventEnvelope<DeploymentEvent> envelope, KafkaProducer<String, byte[]> producer) {
        DeploymentEvent event = envelope.data();
        if (event instanceof DeploymentRejected) {
            rejected.incrementAndGet();
        }
        if (event instanceof DeploymentQueued queued) {
            stages.queued(queued.deploymentId(), envelope.time());
        }
        if (event instanceof DeploymentPreempted preempted) {
            placements.preempted(preempted.deploymentId());
        }
        if (!(event instanceof DeploymentPlaced placed)
                || placements.placed(envelope.id(), placed.deploymentId()) == PlacementCounts.Seen.REDELIVERY) {
            return; // a placement already acted on arrived again: at-least-once delivery, not a second placement
        }
        replicasPlaced.addAndGet(placed.replicas());
        long now = System.nanoTime();
        Long at;
        synchronized (placedBeforeAnswer) {
            at = requestedAt.remove(placed.deploymentId());
            if (at == null && settings.door().equals("rest")) {
                placedBeforeAnswer.put(placed.deploymentId(), now);
            }
        }
        if (at != null) {
            measure(placed.deploymentId(), now - at);
            stages.placed(placed.deploymentId(), at, now, placed.startedAt(), measuring);
        }
        Duration hold = mix.hold(queueOf.get(placed.deploymentId()));
        if (hold.isZero()) {
            complete(placed, producer);
        } else {
            completeLater.schedule(() -> complete(placed, producer), hold.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void complete(DeploymentPlaced placed, KafkaProducer<String, byte[]> producer) {
        queueOf.remove(placed.deploymentId());
        EventEnvelope<DeploymentStatusReported> done = EventEnvelope.of("benchmark-executor",
                new DeploymentStatusReported(placed.deploymentId(), placed.clusterId(), ReportedStatus.COMPLETED,
                        "benchmark"), Clock.systemUTC());
        producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_STATUS, done.key(), codec.encode(done)));
    }

    private void measure(UUID deployment, long nanos) {
        if (measuring && mix.divided()) {
            mix.record(queueOf.get(deployment), nanos);
        }
        if (measuring) {
            synchronized (latencies) {
                latencies.record(nanos);
                interval.record(nanos);
            }
        }
    }

    private void awaitDrained() throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (!requestedAt.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2_000); // let the last completions reach the scheduler before the audit
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka(),
                ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), new ByteArraySerializer());
    }

    private String audit(List<UUID> clusters, String token) {
        Api.Answer health = api.send("GET", settings.clusterService() + "/q/health/group/ledger", null, null);
        for (UUID cluster : clusters) {
            JsonNode state = api.send("GET", settings.clusterService() + "/api/v1/clusters/" + cluster, token, null)
                    .expect(200).body();
            if (state.get("allocated").get("cpuMillis").asLong() > state.get("capacity").get("cpuMillis").asLong()) {
                return "OVERBOOKED: cluster " + cluster + " " + state;
            }
        }
        return "audit: ledger " + (health.status() == 200 ? "adds up" : "DOES NOT ADD UP " + health.body())
                + "; no cluster over capacity";
    }
}

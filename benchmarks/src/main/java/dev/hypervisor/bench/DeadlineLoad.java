package dev.hypervisor.bench;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentFailed;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.resources.Resources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How late run-time limits are met, with few and with many deployments running. Probes (deployments with a
 * {@code maxRunDuration} of 1 s, nobody reporting on them) are requested at a steady pace; each ends
 * {@code TIMED_OUT}, and its lateness is its {@code DeploymentFailed} time minus its start plus 1 s. First with
 * nothing else running, then again once {@code running} deployments with a limit of a day run beside them: the
 * sweep reads only what is due, so the second figures should be the first's.
 */
final class DeadlineLoad {

    private static final Resources TINY = new Resources(1, 1L << 20, 0);
    private static final Duration LIMIT = Duration.ofSeconds(1);

    record Settings(String identity, String clusterService, String kafka, int clusters, int running,
                    Duration duration) {
    }

    private final Settings settings;
    private final Api api = new Api();
    private final EventCodec codec = new EventCodec();
    private final Map<UUID, Instant> probesStartedAt = new ConcurrentHashMap<>();
    private final AtomicLong placed = new AtomicLong();
    private volatile Latencies lateness = new Latencies();
    private volatile boolean consuming = true;

    DeadlineLoad(Settings settings) {
        this.settings = settings;
    }

    void run() throws Exception {
        Map<String, String> owner = api.ownerOfNewOrganization(settings.identity(), "deadline benchmark");
        List<UUID> clusters = api.newClusters(settings.clusterService(), owner, settings.clusters(),
                Map.of("cpu", "100", "memory", "64Gi", "gpu", 0)).stream().map(UUID::fromString).toList();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka(), ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer())) {
            CountDownLatch listening = new CountDownLatch(1);
            Thread listener = new Thread(() -> listen(listening), "bench-listener");
            listener.start();
            listening.await();
            System.out.println(probe(clusters, producer, "with only the probes running"));
            long started = System.nanoTime();
            for (int i = 0; i < settings.running(); i++) {
                request(clusters, producer, "1d", false);
            }
            while (placed.get() < settings.running()) {
                Thread.sleep(200);
            }
            System.out.printf(Locale.ROOT, "%,d deployments with a limit of a day placed in %.0f s%n",
                    settings.running(), (System.nanoTime() - started) / 1e9);
            System.out.println(probe(clusters, producer, String.format(Locale.ROOT, "with %,d more running",
                    settings.running())));
            consuming = false;
            listener.join();
        }
    }

    /** A probe every 100 ms for the duration, then until they all ended; answers the lateness figures. */
    private String probe(List<UUID> clusters, KafkaProducer<String, byte[]> producer, String what)
            throws InterruptedException {
        lateness = new Latencies();
        long end = System.nanoTime() + settings.duration().toNanos();
        int sent = 0;
        while (System.nanoTime() < end) {
            request(clusters, producer, "1s", true);
            sent++;
            Thread.sleep(100);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (lateness.count() < sent && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return String.format(Locale.ROOT, "deadline to TIMED_OUT, %s: %d probes ended of %d; %s", what,
                lateness.count(), sent, lateness.summary());
    }

    private void request(List<UUID> clusters, KafkaProducer<String, byte[]> producer, String limit, boolean probe) {
        UUID cluster = clusters.get(ThreadLocalRandom.current().nextInt(clusters.size()));
        UUID id = UUID.randomUUID();
        if (probe) {
            probesStartedAt.put(id, Instant.MAX); // known as a probe before its placement can arrive
        }
        EventEnvelope<DeploymentRequested> event = EventEnvelope.of("benchmark", new DeploymentRequested(id, cluster,
                "limited", "registry.example.com/bench:1", TINY, Priority.MEDIUM, List.of(), Map.of(), null, null,
                limit, null), Clock.systemUTC());
        producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, cluster.toString(), codec.encode(event)));
    }

    private void listen(CountDownLatch listening) {
        EventsFollower.follow(settings.kafka(), listening, () -> consuming, envelope -> handle(envelope.data()));
    }

    private void handle(DeploymentEvent event) {
        if (event instanceof DeploymentPlaced started) {
            if (probesStartedAt.containsKey(started.deploymentId())) {
                probesStartedAt.put(started.deploymentId(), started.startedAt());
            } else {
                placed.incrementAndGet();
            }
        } else if (event instanceof DeploymentFailed failed && "TIMED_OUT".equals(failed.reason())) {
            Instant startedAt = probesStartedAt.remove(failed.deploymentId());
            if (startedAt != null && startedAt != Instant.MAX) {
                lateness.record(Duration.between(startedAt.plus(LIMIT), failed.finishedAt()).toNanos());
            }
        }
    }
}

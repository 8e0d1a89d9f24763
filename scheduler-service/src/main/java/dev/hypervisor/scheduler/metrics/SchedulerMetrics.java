package dev.hypervisor.scheduler.metrics;

import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.domain.QueueStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Placements, preemptions, rejections, and how long deployments waited from request to placement. */
@ApplicationScoped
public class SchedulerMetrics {

    private final Counter placements;
    private final Counter preemptions;
    private final Counter passFailures;
    private final MeterRegistry registry;
    private final Timer requestToPlacement;
    private final MultiGauge queueDepth;
    private final Map<String, MultiGauge> queueFigures = new LinkedHashMap<>();

    public SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.placements = Counter.builder("hypervisor.scheduler.placements")
                .description("Deployments placed on their cluster").register(registry);
        this.preemptions = Counter.builder("hypervisor.scheduler.preemptions")
                .description("Running deployments preempted to make room for higher priorities").register(registry);
        this.passFailures = Counter.builder("hypervisor.scheduler.pass.failures")
                .description("Scheduling passes that failed and were retried later (cluster-service or the database"
                        + " could not answer)").register(registry);
        this.requestToPlacement = Timer.builder("hypervisor.scheduler.request.to.placement")
                .description("From the request's arrival to its placement (includes time spent queued)")
                .publishPercentileHistogram().register(registry);
        this.queueDepth = MultiGauge.builder("hypervisor.scheduler.queue.depth")
                .description("Pending deployments per cluster and priority").register(registry);
        queueFigures.put("usage.cpu", gauge("hypervisor.scheduler.queue.usage.cpu", "CPU cores a queue uses"));
        queueFigures.put("usage.memory", gauge("hypervisor.scheduler.queue.usage.memory",
                "Memory bytes a queue uses"));
        queueFigures.put("usage.gpu", gauge("hypervisor.scheduler.queue.usage.gpu", "GPUs a queue uses"));
        queueFigures.put("borrowed.cpu", gauge("hypervisor.scheduler.queue.borrowed.cpu",
                "CPU cores a queue uses beyond its quota"));
        queueFigures.put("borrowed.memory", gauge("hypervisor.scheduler.queue.borrowed.memory",
                "Memory bytes a queue uses beyond its quota"));
        queueFigures.put("borrowed.gpu", gauge("hypervisor.scheduler.queue.borrowed.gpu",
                "GPUs a queue uses beyond its quota"));
        queueFigures.put("running", gauge("hypervisor.scheduler.queue.running", "Running deployments of a queue"));
        queueFigures.put("pending", gauge("hypervisor.scheduler.queue.pending", "Pending deployments of a queue"));
        queueFigures.put("share", gauge("hypervisor.scheduler.queue.share",
                "A queue's weighted dominant share: who is furthest behind goes first"));
    }

    private MultiGauge gauge(String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    /** How each queue of the clusters divided into queues stands, per cluster and queue. */
    public void queueShares(Map<UUID, Map<String, QueueStatus>> statuses) {
        Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
        queueFigures.keySet().forEach(figure -> rows.put(figure, new ArrayList<>()));
        statuses.forEach((cluster, queues) -> queues.forEach((queue, status) -> {
            Tags tags = Tags.of("cluster", cluster.toString(), "queue", queue);
            rows.get("usage.cpu").add(MultiGauge.Row.of(tags, status.usage().cpuMillis() / 1000.0));
            rows.get("usage.memory").add(MultiGauge.Row.of(tags, status.usage().memoryBytes()));
            rows.get("usage.gpu").add(MultiGauge.Row.of(tags, status.usage().gpu()));
            rows.get("borrowed.cpu").add(MultiGauge.Row.of(tags, status.borrowed().cpuMillis() / 1000.0));
            rows.get("borrowed.memory").add(MultiGauge.Row.of(tags, status.borrowed().memoryBytes()));
            rows.get("borrowed.gpu").add(MultiGauge.Row.of(tags, status.borrowed().gpu()));
            rows.get("running").add(MultiGauge.Row.of(tags, status.running()));
            rows.get("pending").add(MultiGauge.Row.of(tags, status.pending()));
            rows.get("share").add(MultiGauge.Row.of(tags, status.share()));
        }));
        rows.forEach((figure, figureRows) -> queueFigures.get(figure).register(figureRows, true));
    }

    /** The pending deployments of each cluster this instance schedules, by priority name. */
    public void queueDepths(Map<UUID, Map<String, Integer>> depths) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        depths.forEach((cluster, byPriority) -> byPriority.forEach((priority, count) ->
                rows.add(MultiGauge.Row.of(Tags.of("cluster", cluster.toString(), "priority", priority), count))));
        queueDepth.register(rows, true);
    }

    public void placed(Deployment deployment, Instant at) {
        placements.increment();
        requestToPlacement.record(Duration.between(deployment.submittedAt(), at));
    }

    public void preempted(int count) {
        preemptions.increment(count);
    }

    public void passFailed() {
        passFailures.increment();
    }

    /** A request refused at intake, by the problem code that says why. */
    public void rejected(String code) {
        registry.counter("hypervisor.scheduler.rejections", "code", code).increment();
    }
}

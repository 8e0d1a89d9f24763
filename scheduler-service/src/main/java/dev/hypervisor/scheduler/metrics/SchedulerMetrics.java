package dev.hypervisor.scheduler.metrics;

import dev.hypervisor.scheduler.domain.Deployment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

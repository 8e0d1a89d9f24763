package dev.hypervisor.scheduler.metrics;

import dev.hypervisor.scheduler.persistence.DeploymentRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Placements, preemptions, rejections, and how long deployments waited from request to placement. */
@ApplicationScoped
public class SchedulerMetrics {

    private final Counter placements;
    private final Counter preemptions;
    private final MeterRegistry registry;
    private final Timer requestToPlacement;

    public SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.placements = Counter.builder("hypervisor.scheduler.placements")
                .description("Deployments placed on their cluster").register(registry);
        this.preemptions = Counter.builder("hypervisor.scheduler.preemptions")
                .description("Running deployments preempted to make room for higher priorities").register(registry);
        this.requestToPlacement = Timer.builder("hypervisor.scheduler.request.to.placement")
                .description("From the request's arrival to its placement (includes time spent queued)")
                .publishPercentileHistogram().register(registry);
    }

    public void placed(DeploymentRecord deployment, Instant at) {
        placements.increment();
        requestToPlacement.record(Duration.between(deployment.submittedAt(), at));
    }

    public void preempted(int count) {
        preemptions.increment(count);
    }

    /** A request refused at intake, by the problem code that says why. */
    public void rejected(String code) {
        registry.counter("hypervisor.scheduler.rejections", "code", code).increment();
    }
}

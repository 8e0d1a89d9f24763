package dev.hypervisor.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The scheduler's own settings ({@code hv.scheduler.*}; from the environment as {@code HV_SCHEDULER_...}). */
@ConfigMapping(prefix = "hv.scheduler")
public interface SchedulerConfig {

    /** Threads that run scheduling passes; each pass carries every cluster asked for so far. */
    @WithDefault("2")
    int passThreads();

    /** The wait before a cluster's failed pass is tried again; it doubles with each failure in a row. */
    @WithDefault("500ms")
    Duration retryFirst();

    /** The longest wait between tries of a cluster whose passes keep failing. */
    @WithDefault("15s")
    Duration retryLongest();

    /** How long the releases of ended deployments may wait for a pass to take them along before one is asked. */
    @WithDefault("200ms")
    Duration releaseInterval();

    /** How often every cluster that may need a pass gets one, since time alone changes decisions (aging). */
    @WithDefault("5s")
    Duration sweepInterval();

    /** How often what falls due is looked for: run-time limits, grace periods, silent executors ({@code Deadlines}). */
    @WithDefault("250ms")
    Duration deadlineInterval();

    /** How often an open event stream gets a comment, so that proxies keep it open while nothing happens. */
    @WithDefault("15s")
    Duration streamKeepAlive();

    /** How long each deployment's timeline ({@code /history}) keeps an event. */
    @WithDefault("7d")
    Duration historyRetention();

    /** A deployment that has waited this long without fitting holds capacity: nothing behind it starts first. */
    @WithDefault("5m")
    Duration agingThreshold();

    /** The Kafka consumer group of the event door, which also shares the clusters out among instances. */
    @WithDefault("scheduler-service")
    String consumerGroup();

    /** How long an instance that stopped answering Kafka keeps its clusters before the others take them. */
    @WithDefault("10s")
    Duration intakeSessionTimeout();

    /** How long the outbox relay waits for new events when nothing tells it some were written. */
    @WithDefault("200ms")
    Duration outboxPollInterval();

    /** The scheduler's service account (platform role {@code service}) at identity-service. */
    @WithDefault("scheduler")
    String clientId();

    Optional<String> clientSecret();
}

package dev.hypervisor.common.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Each kind of event: its name in the envelope's {@code type}, its payload class, and its topic. */
public enum EventType {
    DEPLOYMENT_REQUESTED("DeploymentRequested", DeploymentRequested.class, Topics.DEPLOYMENT_REQUESTED),
    DEPLOYMENT_QUEUED("DeploymentQueued", DeploymentQueued.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_PLACED("DeploymentPlaced", DeploymentPlaced.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_REJECTED("DeploymentRejected", DeploymentRejected.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_PREEMPTING("DeploymentPreempting", DeploymentPreempting.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_PREEMPTED("DeploymentPreempted", DeploymentPreempted.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_COMPLETED("DeploymentCompleted", DeploymentCompleted.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_FAILED("DeploymentFailed", DeploymentFailed.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_RETRIED("DeploymentRetried", DeploymentRetried.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_CANCELLED("DeploymentCancelled", DeploymentCancelled.class, Topics.DEPLOYMENT_EVENTS),
    DEPLOYMENT_STATUS_REPORTED("DeploymentStatusReported", DeploymentStatusReported.class, Topics.DEPLOYMENT_STATUS),
    EXECUTOR_HEARTBEAT("ExecutorHeartbeat", ExecutorHeartbeat.class, Topics.DEPLOYMENT_STATUS);

    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::dataClass, Function.identity()));

    private final String typeName;
    private final Class<? extends DeploymentEvent> dataClass;
    private final String topic;

    EventType(String typeName, Class<? extends DeploymentEvent> dataClass, String topic) {
        this.typeName = typeName;
        this.dataClass = dataClass;
        this.topic = topic;
    }

    public String typeName() {
        return typeName;
    }

    public Class<? extends DeploymentEvent> dataClass() {
        return dataClass;
    }

    public String topic() {
        return topic;
    }

    public static Optional<EventType> ofName(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    public static EventType of(DeploymentEvent data) {
        return BY_CLASS.get(data.getClass());
    }
}

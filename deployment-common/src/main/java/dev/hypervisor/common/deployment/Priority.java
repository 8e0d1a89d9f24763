package dev.hypervisor.common.deployment;

/** How urgent a deployment is. A higher weight is considered first and may preempt lower ones. */
public enum Priority {
    LOW(1),
    MEDIUM(2),
    HIGH(3);

    private final int weight;

    Priority(int weight) {
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }

    /** True when this priority is strictly more urgent than {@code other}. */
    public boolean outranks(Priority other) {
        return weight > other.weight;
    }

    public static Priority ofWeight(int weight) {
        for (Priority priority : values()) {
            if (priority.weight == weight) {
                return priority;
            }
        }
        throw new IllegalArgumentException("no priority has weight " + weight);
    }
}

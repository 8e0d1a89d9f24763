package dev.hypervisor.common.resources;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * An amount of compute: CPU in millicores, memory in bytes, GPUs as a count. Always exact and never negative.
 *
 * <p>In JSON it is {@code {"cpu": "1500m", "memory": "16Gi", "gpu": 1}} with Kubernetes quantities
 * (see {@link Quantity}); answers add the exact integers as {@code cpuMillis} and {@code memoryBytes}.
 */
@JsonSerialize(using = ResourcesJson.Writer.class)
@JsonDeserialize(using = ResourcesJson.Reader.class)
public record Resources(long cpuMillis, long memoryBytes, long gpu) {

    public static final Resources ZERO = new Resources(0, 0, 0);

    public Resources {
        if (cpuMillis < 0 || memoryBytes < 0 || gpu < 0) {
            throw new IllegalArgumentException(
                    "resources are never negative: cpu=" + cpuMillis + "m memory=" + memoryBytes + " gpu=" + gpu);
        }
    }

    /** Resources from quantity strings, as a person writes them: {@code of("500m", "1Gi", 0)}. */
    public static Resources of(String cpu, String memory, long gpu) {
        return new Resources(Quantity.parseCpuMillis(cpu), Quantity.parseBytes(memory), gpu);
    }

    public Resources plus(Resources other) {
        return new Resources(
                Math.addExact(cpuMillis, other.cpuMillis),
                Math.addExact(memoryBytes, other.memoryBytes),
                Math.addExact(gpu, other.gpu));
    }

    /**
     * {@code count} times these resources (a gang's replicas together).
     *
     * @throws ArithmeticException when an amount goes beyond what a long counts
     */
    public Resources times(int count) {
        return new Resources(Math.multiplyExact(cpuMillis, count), Math.multiplyExact(memoryBytes, count),
                Math.multiplyExact(gpu, count));
    }

    /** What is left after taking {@code other} away; it must fit, since resources are never negative. */
    public Resources minus(Resources other) {
        if (!other.fitsWithin(this)) {
            throw new IllegalArgumentException("cannot take " + other + " from " + this);
        }
        return new Resources(cpuMillis - other.cpuMillis, memoryBytes - other.memoryBytes, gpu - other.gpu);
    }

    /** True when every amount here is at most the same amount of {@code limit}. */
    public boolean fitsWithin(Resources limit) {
        return cpuMillis <= limit.cpuMillis && memoryBytes <= limit.memoryBytes && gpu <= limit.gpu;
    }

    /** How much of each amount {@code available} lacks to hold these resources; zero where it suffices. */
    public Resources shortfall(Resources available) {
        return new Resources(
                Math.max(0, cpuMillis - available.cpuMillis),
                Math.max(0, memoryBytes - available.memoryBytes),
                Math.max(0, gpu - available.gpu));
    }

    public boolean isZero() {
        return cpuMillis == 0 && memoryBytes == 0 && gpu == 0;
    }

    /** The CPU amount in canonical quantity form ({@code "1500m"}). */
    public String cpu() {
        return Quantity.formatCpu(cpuMillis);
    }

    /** The memory amount in canonical quantity form ({@code "1536Mi"}). */
    public String memory() {
        return Quantity.formatBytes(memoryBytes);
    }

    @Override
    public String toString() {
        return "{cpu=" + cpu() + ", memory=" + memory() + ", gpu=" + gpu + "}";
    }
}

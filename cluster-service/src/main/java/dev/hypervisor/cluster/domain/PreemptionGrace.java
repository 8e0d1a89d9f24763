package dev.hypervisor.cluster.domain;

import dev.hypervisor.common.time.DurationText;
import java.time.Duration;

/**
 * How long a deployment preempted on a cluster may take to checkpoint and stop before its capacity goes to its
 * preemptor ({@code preemptionGracePeriod}): {@code "0s"} (the default: at once) to {@link #LONGEST}.
 */
public final class PreemptionGrace {

    public static final Duration LONGEST = Duration.ofMinutes(10);

    private PreemptionGrace() {
    }

    /** The period the text names; throws {@link IllegalArgumentException} for anything else, or out of range. */
    public static Duration parse(String text) {
        Duration period = DurationText.parse(text);
        if (period.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("is at most 10 minutes (10m)");
        }
        return period;
    }
}

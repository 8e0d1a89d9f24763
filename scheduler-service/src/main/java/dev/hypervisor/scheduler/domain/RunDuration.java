package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.time.DurationText;
import java.time.Duration;

/**
 * How long a deployment may run ({@code maxRunDuration}), as people write it ({@link DurationText}): more than 0
 * and at most {@link #LONGEST}.
 */
public final class RunDuration {

    public static final Duration LONGEST = Duration.ofDays(30);

    private RunDuration() {
    }

    /** The duration the text names; throws {@link IllegalArgumentException} for anything else, or out of range. */
    public static Duration parse(String text) {
        Duration duration = DurationText.parse(text);
        if (duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("is more than 0 seconds and at most 30 days (30d)");
        }
        return duration;
    }

    /** The duration as {@link #parse} reads it, in the largest unit that divides it: 5400 s is "90m". */
    public static String format(Duration duration) {
        return DurationText.format(duration);
    }
}

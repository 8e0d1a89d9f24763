package dev.hypervisor.scheduler.domain;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a deployment may run, as people write it: a whole number and a unit, {@code "90s"}, {@code "30m"},
 * {@code "2h"} or {@code "1d"}; at most {@link #LONGEST}. Shown back in the largest unit that divides it.
 */
public final class RunDuration {

    public static final Duration LONGEST = Duration.ofDays(30);
    private static final Pattern TEXT = Pattern.compile("^([0-9]{1,7})([smhd])$");

    private RunDuration() {
    }

    /** The duration the text names; throws {@link IllegalArgumentException} for anything else, or out of range. */
    public static Duration parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("is a whole number and a unit: 90s, 30m, 2h or 1d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("is more than 0 seconds and at most 30 days (30d)");
        }
        return duration;
    }

    /** The duration as {@link #parse} reads it, in the largest unit that divides it: 5400 s is "90m". */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}

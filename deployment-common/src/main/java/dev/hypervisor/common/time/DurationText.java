package dev.hypervisor.common.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as people write it in requests: a whole number and a unit, {@code "90s"}, {@code "30m"}, {@code "2h"}
 * or {@code "1d"}; shown back in the largest unit that divides it. What range is allowed is for each field to say.
 */
public final class DurationText {

    private static final Pattern TEXT = Pattern.compile("^([0-9]{1,7})([smhd])$");

    private DurationText() {
    }

    /** The duration the text names; throws {@link IllegalArgumentException} for anything else. */
    public static Duration parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("is a whole number and a unit: 90s, 30m, 2h or 1d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The duration as {@link #parse} reads it, in the largest unit that divides it: 5400 s is "90m", 0 is "0s". */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}

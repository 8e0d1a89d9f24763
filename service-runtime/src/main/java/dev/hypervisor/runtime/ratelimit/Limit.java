package dev.hypervisor.runtime.ratelimit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate written as {@code "600/1m"}: so many requests per window ({@code s}, {@code m} or {@code h}). The
 * tokens refill steadily over the window, so a client that spreads its calls is never refused.
 */
public record Limit(long requests, Duration window) {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)\\s*([smh])");

    public Limit {
        if (requests < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a limit allows at least one request per positive window");
        }
    }

    public static Limit parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a rate limit looks like 600/1m (requests per window), not " + text);
        }
        long amount = Long.parseLong(matcher.group(2));
        Duration window = switch (matcher.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return new Limit(Long.parseLong(matcher.group(1)), window);
    }
}

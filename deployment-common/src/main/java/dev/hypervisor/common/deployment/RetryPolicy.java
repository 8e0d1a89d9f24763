package dev.hypervisor.common.deployment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How often a deployment may be started, and after which failures it is started again.
 *
 * @param maxAttempts the most starts, 1 to 10 (1: never retried); absent: 1
 * @param on          the failure reasons that retry, of {@link #REASONS}; absent: all of them
 */
public record RetryPolicy(Integer maxAttempts, List<String> on) {

    /** The failure reasons a retry may follow: a reported failure, a run-time limit, a lost executor. */
    public static final Set<String> REASONS = Set.of("FAILED", "TIMED_OUT", "EXECUTOR_LOST");
    public static final int MOST_ATTEMPTS = 10;
    /** A deployment that asked for nothing: one attempt. */
    public static final RetryPolicy NONE = new RetryPolicy(1, List.of());

    public RetryPolicy {
        maxAttempts = maxAttempts == null ? 1 : maxAttempts;
        on = on == null ? REASONS.stream().sorted().toList() : Collections.unmodifiableList(new ArrayList<>(on));
    }

    /** The policy's problems, by field ({@code maxAttempts}, {@code on}); empty when it is valid. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (maxAttempts < 1 || maxAttempts > MOST_ATTEMPTS) {
            problems.put("maxAttempts", "is 1 to " + MOST_ATTEMPTS);
        }
        if (on.stream().anyMatch(reason -> reason == null || !REASONS.contains(reason))) {
            problems.put("on", "lists failure reasons of " + REASONS.stream().sorted().toList());
        }
        return problems;
    }

    /** True when an attempt that ended for this reason, after {@code attempts} starts, is followed by another. */
    public boolean retriesAfter(String reason, int attempts) {
        return attempts < maxAttempts && on.contains(reason);
    }
}

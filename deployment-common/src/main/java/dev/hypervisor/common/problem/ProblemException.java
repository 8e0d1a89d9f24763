package dev.hypervisor.common.problem;

import java.time.Duration;

/**
 * Thrown by use cases to answer with a particular problem; the services turn it into the HTTP answer as is.
 * It carries no stack trace: it is an answer, not a fault.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final long retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, 0);
    }

    private ProblemException(Problem problem, long retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ProblemException(ProblemCode code, String detail) {
        this(Problem.of(code, detail));
    }

    public Problem problem() {
        return problem;
    }

    /** When to try again, in whole seconds, for answers that carry {@code Retry-After}; 0 when none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 429: too many requests; the client may try again after {@code wait} (rounded up, at least a second). */
    public static ProblemException tooManyRequests(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ProblemException(
                Problem.of(ProblemCode.RATE_LIMITED, "too many requests; try again in " + seconds + " s"), seconds);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemCode.NOT_FOUND, what + " does not exist or is not visible to you");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemCode.CONFLICT, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemCode.FORBIDDEN, detail);
    }
}

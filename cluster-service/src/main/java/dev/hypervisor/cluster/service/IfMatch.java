package dev.hypervisor.cluster.service;

import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import java.util.Optional;

/**
 * The rules of {@code If-Match} for everything with a version: a resize must name the version it was decided on
 * (428 without one), and a named version must be the current one (412 otherwise).
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** Refuses a resize that names no version. */
    public static void requiredForResize(String what, Optional<Long> expected) {
        if (expected.isEmpty()) {
            throw new ProblemException(ProblemCode.PRECONDITION_REQUIRED, "a resize needs If-Match with the " + what
                    + "'s ETag, so that it is decided on its current state");
        }
    }

    /** Refuses a named version that is not the current one. */
    public static void requireCurrent(String what, Optional<Long> expected, long current) {
        if (expected.isPresent() && expected.get() != current) {
            throw stale(what, current);
        }
    }

    /** The 412 for a change decided on an older version. */
    public static ProblemException stale(String what, long current) {
        return new ProblemException(ProblemCode.PRECONDITION_FAILED, "the " + what + " has changed since (it is at"
                + " version " + current + "); read it again and decide on what it is now");
    }
}

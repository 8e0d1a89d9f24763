package dev.hypervisor.cluster.rest;

import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import java.util.Optional;

/**
 * ETags of versioned resources: the generation in quotes ({@code "3"}). {@code If-Match} takes one of those
 * (weak or strong) or {@code *}; anything else can match nothing and is answered 412.
 */
public final class EntityTags {

    private EntityTags() {
    }

    public static String of(long generation) {
        return "\"" + generation + "\"";
    }

    /** The generation an {@code If-Match} header names, empty when there is none or it is {@code *}. */
    public static Optional<Long> generation(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return Optional.empty();
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Optional.of(Long.parseLong(tag));
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemCode.PRECONDITION_FAILED, "If-Match " + ifMatch + " is not an ETag"
                    + " of this resource");
        }
    }
}

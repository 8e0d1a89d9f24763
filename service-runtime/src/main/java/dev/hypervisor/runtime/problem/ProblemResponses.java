package dev.hypervisor.runtime.problem;

import dev.hypervisor.common.problem.Problem;
import jakarta.ws.rs.core.Response;

/** A {@link Problem} as an HTTP answer, with its status and the {@code application/problem+json} type. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }
}

package dev.hypervisor.runtime.problem;

import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** A {@link Problem} as an HTTP answer, with its status and the {@code application/problem+json} type. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The exception's problem, with {@code Retry-After} when it says when to try again. */
    public static Response of(ProblemException error) {
        Response.ResponseBuilder answer = builder(error.problem());
        if (error.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, error.retryAfterSeconds());
        }
        return answer.build();
    }

    public static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }
}

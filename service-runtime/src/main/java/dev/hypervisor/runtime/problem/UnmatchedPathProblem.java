package dev.hypervisor.runtime.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers paths that no endpoint serves with a problem+json 404 too, so that a client never has to parse an
 * HTML or plain-text error page, whichever layer a request stops in.
 */
@ApplicationScoped
public class UnmatchedPathProblem {

    /** After every other route, static resources and the /q endpoints included. */
    private static final int LAST = Integer.MAX_VALUE - 100;

    private final byte[] body;

    public UnmatchedPathProblem(ObjectMapper json) throws JsonProcessingException {
        this.body = json.writeValueAsBytes(Problem.of(ProblemCode.NOT_FOUND, "there is nothing at this path"));
    }

    void register(@Observes Router router) {
        router.route().order(LAST).handler(context -> context.response()
                .setStatusCode(404)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(io.vertx.core.buffer.Buffer.buffer(body)));
    }
}

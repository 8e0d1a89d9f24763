package dev.hypervisor.scheduler.rest;

import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.scheduler.client.UpstreamException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** cluster-service or identity-service could not answer: 503, so that clients retry, and nothing changed. */
public class UpstreamProblems {

    private static final Logger LOG = Logger.getLogger(UpstreamProblems.class);

    @ServerExceptionMapper
    public Response unavailable(UpstreamException error) {
        LOG.warnf("answering 503: %s", error.getMessage());
        Problem problem = Problem.of(ProblemCode.SERVICE_UNAVAILABLE,
                "a service the scheduler depends on did not answer; try again shortly");
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5").entity(problem).build();
    }
}

package dev.hypervisor.runtime.problem;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.resources.Resources;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** A stand-in for a service's endpoints, raising each kind of error the mappers must answer. */
@Path("/samples")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SampleResource {

    public record SampleRequest(
            @NotBlank String name,
            @NotNull Resources resources,
            @NotNull Priority priority,
            UUID clusterId,
            @Size(max = 3) List<UUID> dependsOn) {
    }

    @POST
    public SampleRequest create(@Valid @NotNull SampleRequest request) {
        return request;
    }

    @GET
    @Path("/page")
    public int page(@QueryParam("limit") @Min(1) @Max(500) Integer limit) {
        return limit == null ? 50 : limit;
    }

    @GET
    @Path("/conflict")
    public String conflict() {
        throw ProblemException.conflict("the sample is busy");
    }

    @GET
    @Path("/fault")
    public String fault() {
        throw new IllegalStateException("internal detail: connection pool of com.example.Secret exhausted");
    }

    @GET
    @Path("/secret")
    @RolesAllowed("user")
    public String secret() {
        return "secret";
    }
}

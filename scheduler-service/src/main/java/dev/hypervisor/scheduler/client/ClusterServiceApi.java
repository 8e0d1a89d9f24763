package dev.hypervisor.scheduler.client;

import dev.hypervisor.common.resources.Resources;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * cluster-service's API as the scheduler calls it. Answers come back whatever their status (the client's default
 * mapping of error statuses to exceptions is off), for {@link ClusterServiceClient} to read; what throws is not
 * getting an answer at all. Every call goes through {@link ClusterServiceGuard}'s timeout and circuit breaker.
 */
@RegisterRestClient(configKey = "cluster-service")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface ClusterServiceApi {

    @GET
    @Path("/clusters/{id}")
    Response cluster(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") UUID id);

    @POST
    @Path("/allocations")
    Response allocate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Batch batch);

    @GET
    @Path("/clusters/{id}/allocations")
    Response claims(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") UUID id,
                    @QueryParam("limit") int limit, @QueryParam("cursor") String cursor);

    /** A cluster as cluster-service answers it; only what the scheduler reads. */
    record Cluster(UUID id, UUID organizationId, Resources capacity, String preemption,
                   String preemptionGracePeriod) {
    }

    /** {@code POST /api/v1/allocations}: claims and releases of many clusters, all or nothing. */
    record Batch(List<Claim> claims, List<Release> releases) {
    }

    record Claim(UUID clusterId, UUID consumerId, Resources resources, String consumerType) {
    }

    record Release(UUID clusterId, UUID consumerId) {
    }

    /** One page of a cluster's claims; only who holds them. */
    record ClaimPage(List<Holder> items, String nextCursor) {
    }

    record Holder(UUID consumerId) {
    }
}

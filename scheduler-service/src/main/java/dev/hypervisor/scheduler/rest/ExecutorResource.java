package dev.hypervisor.scheduler.rest;

import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.scheduler.clusters.ClusterDirectory;
import dev.hypervisor.scheduler.config.ExecutorLeaseConfig;
import dev.hypervisor.scheduler.messaging.DeploymentEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The executor's door for heartbeats: what comes in here is written to the status topic as an
 * {@code ExecutorHeartbeat}, the same as an executor that writes there itself, and taken from there, so both doors
 * are handled the same way and in order.
 */
@Path("/api/v1/clusters/{id}/executor")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Executors", description = "Executors' leases on the clusters they serve")
public class ExecutorResource {

    private final ClusterDirectory directory;
    private final DeploymentEvents events;
    private final ExecutorLeaseConfig config;
    private final Clock clock;

    public ExecutorResource(ClusterDirectory directory, DeploymentEvents events, ExecutorLeaseConfig config,
                            Clock clock) {
        this.directory = directory;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A heartbeat: who serves the cluster, every deployment it runs there and, optionally, the {@code time} of the
     * newest event of the cluster it has taken up (deployments placed after that are not held against it).
     */
    record HeartbeatRequest(@NotBlank @Size(max = 200) String executorId,
                            @NotNull @Size(max = 100_000) List<@NotNull UUID> running,
                            Instant seenUntil) {
    }

    /** The heartbeat was taken; without another by {@code leaseExpiresAt}, the deployments are taken as lost. */
    record HeartbeatAnswer(UUID clusterId, String executorId, Instant leaseExpiresAt) {
    }

    @POST
    @Path("/heartbeat")
    @RolesAllowed(PlatformRole.AGENT)
    @Operation(summary = "An executor's heartbeat for the cluster it serves (agent)",
            description = "Send one at least every 10 s, listing every deployment the executor runs on the cluster"
                    + " and, as seenUntil, the time of the newest event of the cluster it has taken up."
                    + " Without one for HV_EXECUTOR_LEASE (30 s) the cluster's running deployments end FAILED with"
                    + " failureReason EXECUTOR_LOST (or retry, as their policy says); a running deployment that two"
                    + " heartbeats in a row do not list ends the same way, unless it started after seenUntil (less a"
                    + " second), when its placement may not have reached the executor yet.")
    @APIResponse(responseCode = "202", description = "Taken; the lease runs until leaseExpiresAt")
    @APIResponse(responseCode = "403", description = "The caller is not an executor (agent)")
    @APIResponse(responseCode = "404", description = "No such cluster")
    @APIResponse(responseCode = "422", description = "No executorId, or no running list")
    public Response heartbeat(@PathParam("id") UUID clusterId, @Valid @NotNull HeartbeatRequest request) {
        directory.cluster(clusterId);
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() ->
                events.heartbeat(clusterId, request.executorId(), request.running(), request.seenUntil()));
        return Response.accepted(new HeartbeatAnswer(clusterId, request.executorId(), now.plus(config.lease())))
                .build();
    }
}

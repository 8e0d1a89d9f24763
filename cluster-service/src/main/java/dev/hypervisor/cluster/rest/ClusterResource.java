package dev.hypervisor.cluster.rest;

import dev.hypervisor.cluster.config.ExecutorLeaseConfig;
import dev.hypervisor.cluster.domain.ConsumerType;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.persistence.ExecutorLeaseRepository;
import dev.hypervisor.cluster.persistence.LedgerRepository.JournalRow;
import dev.hypervisor.cluster.rest.ClusterDtos.ChangeClusterRequest;
import dev.hypervisor.cluster.rest.ClusterDtos.ClaimRequest;
import dev.hypervisor.cluster.rest.ClusterDtos.ClaimView;
import dev.hypervisor.cluster.rest.ClusterDtos.ClusterView;
import dev.hypervisor.cluster.rest.ClusterDtos.CreateClusterRequest;
import dev.hypervisor.cluster.rest.ClusterDtos.ExecutorView;
import dev.hypervisor.cluster.rest.ClusterDtos.JournalEntry;
import dev.hypervisor.cluster.service.ClusterService;
import dev.hypervisor.cluster.service.ClusterService.ClusterState;
import dev.hypervisor.cluster.service.LedgerRequest;
import dev.hypervisor.cluster.service.LedgerService;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.rest.Created;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Clusters and their claims. A cluster of an organization the caller is not in answers 404; members read,
 * admins and owners change; claims are made by the platform's scheduler (the {@code service} role).
 */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Clusters", description = "Clusters, their capacity, claims and ledger")
public class ClusterResource {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ClusterService clusters;
    private final LedgerService ledger;
    private final CurrentCaller caller;
    private final ExecutorLeaseRepository executors;
    private final ExecutorLeaseConfig leaseConfig;

    public ClusterResource(ClusterService clusters, LedgerService ledger, CurrentCaller caller,
                           ExecutorLeaseRepository executors, ExecutorLeaseConfig leaseConfig) {
        this.clusters = clusters;
        this.ledger = ledger;
        this.caller = caller;
        this.executors = executors;
        this.leaseConfig = leaseConfig;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Create a cluster (ADMIN and above of the organization)",
            description = "capacity is {cpu, memory, gpu} in Kubernetes quantities; cpu and memory must be positive."
                    + " With poolId the cluster is carved from that pool: its cpu and memory are claimed from the pool"
                    + " (409 INSUFFICIENT_CAPACITY when the pool lacks them), resizes claim again, deleting releases."
                    + " Names are unique per organization regardless of case. preemption defaults to LOWER_PRIORITY;"
                    + " preemptionGracePeriod (0s to 10m, default 0s) is how long a preempted deployment may take to"
                    + " stop before its capacity goes to its preemptor.")
    @APIResponse(responseCode = "201", description = "The cluster, with its ETag")
    @APIResponse(responseCode = "404", description = "No such organization, or you are not in it")
    @APIResponse(responseCode = "409", description = "The organization has a cluster of that name")
    public Response create(@Valid @NotNull CreateClusterRequest request, @Context UriInfo uri) {
        ClusterState created = clusters.create(caller.get(), request.name(), request.organizationId(),
                request.capacity(), Optional.ofNullable(request.poolId()), Optional.ofNullable(request.preemption()),
                Optional.ofNullable(request.preemptionGracePeriod()));
        return withTag(Created.at(uri, created.cluster().id())
                .entity(ClusterView.of(created)), created).build();
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "The clusters of your organizations, oldest first; ?organizationId= picks one")
    public Page<ClusterView> list(@QueryParam("organizationId") UUID organizationId,
                                  @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return clusters.list(caller.get(), Optional.ofNullable(organizationId), PageRequest.of(limit, cursor))
                .map(ClusterView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({PlatformRole.USER, PlatformRole.SERVICE})
    @Operation(summary = "A cluster with its capacity, what is allocated and what is available",
            description = "available = capacity - allocated. The ETag is the cluster's generation; send it as"
                    + " If-Match to resize. executor {id, lastHeartbeatAt, leaseExpiresAt} says who serves the"
                    + " cluster, once an executor has sent a heartbeat for it.")
    @APIResponse(responseCode = "404", description = "No such cluster, or it is not your organization's")
    public Response get(@PathParam("id") UUID id) {
        ClusterState state = clusters.get(caller.get(), id);
        ExecutorView executor = executors.find(id).map(lease -> ExecutorView.of(lease, leaseConfig.lease()))
                .orElse(null);
        return withTag(Response.ok(ClusterView.of(state, executor)), state).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Rename, resize or change the preemption settings (ADMIN and above)",
            description = "A resize needs If-Match with the ETag and may not shrink a resource below what is"
                    + " allocated.")
    @APIResponse(responseCode = "200", description = "The cluster as it is now, with its new ETag")
    @APIResponse(responseCode = "409", description = "Below what is allocated, or the name is taken")
    @APIResponse(responseCode = "412", description = "The If-Match ETag is not the cluster's current one")
    @APIResponse(responseCode = "428", description = "A resize without If-Match")
    public Response change(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ChangeClusterRequest request) {
        ClusterState state = clusters.change(caller.get(), id, EntityTags.generation(ifMatch),
                new ClusterService.ClusterChange(Optional.ofNullable(request.name()),
                        Optional.ofNullable(request.capacity()), Optional.ofNullable(request.preemption()),
                        Optional.ofNullable(request.preemptionGracePeriod())));
        return withTag(Response.ok(ClusterView.of(state)), state).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete a cluster (ADMIN and above)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "It still has claims")
    public Response delete(@PathParam("id") UUID id) {
        clusters.delete(caller.get(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/allocations")
    @RolesAllowed({PlatformRole.USER, PlatformRole.SERVICE})
    @Operation(summary = "The live claims on a cluster, oldest first")
    public Page<ClaimView> claims(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
                                  @QueryParam("cursor") String cursor) {
        return clusters.claims(caller.get(), id, PageRequest.of(limit, cursor))
                .map(claim -> new ClaimView(id, claim.key().consumerId(), ConsumerType.valueOf(claim.consumerType()),
                        ResourceClass.resourcesOf(claim.amounts()), claim.claimedAt()));
    }

    @PUT
    @Path("/{id}/allocations/{consumerId}")
    @RolesAllowed(PlatformRole.SERVICE)
    @Operation(summary = "Claim resources for a consumer (the service role)",
            description = "Replaces any earlier claim of the consumer on this cluster, so a retry changes nothing."
                    + " What does not fit is refused as a whole, naming each short resource.")
    @APIResponse(responseCode = "200", description = "The claim")
    @APIResponse(responseCode = "409", description = "It does not fit (INSUFFICIENT_CAPACITY); nothing changed")
    public CompletionStage<ClaimView> claim(@PathParam("id") UUID id, @PathParam("consumerId") UUID consumerId,
                                            @Valid @NotNull ClaimRequest request) {
        ConsumerType type = request.consumerType() == null ? ConsumerType.DEPLOYMENT : request.consumerType();
        return ledger.apply(new LedgerRequest(List.of(new LedgerRequest.Claim(id, consumerId, type,
                        ResourceClass.amountsOf(request.resources()))), List.of(), caller.get().subject(),
                        request.reason()))
                .thenApply(applied -> new ClaimView(id, consumerId, type, request.resources(), null));
    }

    @DELETE
    @Path("/{id}/allocations/{consumerId}")
    @RolesAllowed(PlatformRole.SERVICE)
    @Operation(summary = "Release a consumer's claim (the service role)", description = "Also 204 when there was none.")
    @APIResponse(responseCode = "204", description = "Released")
    public CompletionStage<Response> release(@PathParam("id") UUID id, @PathParam("consumerId") UUID consumerId,
                                             @QueryParam("reason") String reason) {
        return ledger.apply(new LedgerRequest(List.of(), List.of(new LedgerRequest.Release(id, consumerId)),
                        caller.get().subject(), reason))
                .thenApply(released -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/ledger")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "The cluster's journal, newest first (ADMIN and above)",
            description = "Every claim, release and resize: who, what, by how much and why.")
    public Page<JournalEntry> journal(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
                                      @QueryParam("cursor") String cursor) {
        return clusters.journal(caller.get(), id, PageRequest.of(limit, cursor)).map(ClusterResource::entry);
    }

    private static JournalEntry entry(JournalRow row) {
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, Long> amounts = new LinkedHashMap<>();
        row.deltas().forEach((resourceClass, delta) -> {
            changes.put(resourceClass.jsonName(), (delta < 0 ? "-" : "+") + resourceClass.format(Math.abs(delta)));
            amounts.put(resourceClass.jsonName(), delta);
        });
        return new JournalEntry(row.seq(), row.changeId(), row.kind(), row.consumerId(), changes, amounts,
                row.actor(), row.reason(), row.recordedAt());
    }

    private static Response.ResponseBuilder withTag(Response.ResponseBuilder response, ClusterState state) {
        return response.header(HttpHeaders.ETAG, EntityTags.of(state.cluster().generation()));
    }
}

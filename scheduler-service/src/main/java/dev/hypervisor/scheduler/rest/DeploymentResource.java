package dev.hypervisor.scheduler.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.CurrentCaller;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.persistence.DeploymentFilter;
import dev.hypervisor.scheduler.rest.DeploymentDtos.DeploymentView;
import dev.hypervisor.scheduler.rest.DeploymentDtos.DryRunView;
import dev.hypervisor.scheduler.rest.DeploymentDtos.HistoryView;
import dev.hypervisor.scheduler.rest.DeploymentDtos.StatusRequest;
import dev.hypervisor.scheduler.rest.DeploymentDtos.SubmitRequest;
import dev.hypervisor.scheduler.intake.DeploymentIntake;
import dev.hypervisor.scheduler.lifecycle.DeploymentLifecycle;
import dev.hypervisor.scheduler.query.DeploymentQueries;
import dev.hypervisor.scheduler.streams.EventStreams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Deployments", description = "Submitting deployments, following them, ending them")
public class DeploymentResource {

    private final DeploymentIntake intake;
    private final DeploymentLifecycle lifecycle;
    private final DeploymentQueries queries;
    private final CurrentCaller caller;
    private final ObjectMapper json;
    private final EventStreams streams;

    public DeploymentResource(DeploymentIntake intake, DeploymentLifecycle lifecycle, DeploymentQueries queries,
                              CurrentCaller caller, ObjectMapper json, EventStreams streams) {
        this.intake = intake;
        this.lifecycle = lifecycle;
        this.queries = queries;
        this.caller = caller;
        this.json = json;
        this.streams = streams;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Submit a deployment (DEVELOPER and above of the cluster's organization)",
            description = "Answers at once with the deployment as accepted, PENDING (with why it waits, unless a"
                    + " pass has placed it already); the scheduler places it when it can."
                    + " resources.cpu and resources.memory must be positive. An Idempotency-Key header makes"
                    + " retries safe: the same key and body answer the same deployment. With ?dryRun=true nothing is"
                    + " stored or published: 200 says whether the next pass would start it, what it would preempt,"
                    + " or why it would wait, decided by the real policy on the cluster's queue as it is.")
    @APIResponse(responseCode = "202", description = "Accepted and queued")
    @APIResponse(responseCode = "200", description = "dryRun: what would happen (DryRunView)")
    @APIResponse(responseCode = "404", description = "No such cluster, or not one of your organizations'")
    @APIResponse(responseCode = "422", description = "Invalid, more than the cluster's total (EXCEEDS_CLUSTER_CAPACITY),"
            + " or a dependency that is unknown, on another cluster, or failed")
    public Response submit(@Valid @NotNull SubmitRequest request,
                           @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey,
                           @QueryParam("dryRun") boolean dryRun, @Context UriInfo uri) {
        if (dryRun) {
            return Response.ok(DryRunView.of(intake.dryRun(caller.get(),
                    request.toSubmission(caller.get().subject())))).build();
        }
        Deployment deployment = intake.submit(caller.get(), request.toSubmission(caller.get().subject()),
                Optional.ofNullable(idempotencyKey).filter(key -> !key.isBlank()));
        // The deployment as accepted (a repeated request: as it was found), as a create answers in Kubernetes:
        // a pass may already have placed it, and reading it again would answer RUNNING to some submissions and
        // PENDING to others. What happens next is for GET to tell.
        return Response.accepted(DeploymentView.of(queries.explain(deployment)))
                .location(uri.getAbsolutePathBuilder().path(deployment.id().toString()).build()).build();
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Deployments of your organizations, newest first; filter by cluster, status, priority,"
            + " queue")
    public Page<DeploymentView> list(@QueryParam("clusterId") UUID clusterId,
                                     @QueryParam("status") DeploymentStatus status,
                                     @QueryParam("priority") Priority priority,
                                     @QueryParam("queue") @Size(max = 63) String queue,
                                     @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        DeploymentFilter filter = new DeploymentFilter(Optional.ofNullable(clusterId), Optional.ofNullable(status),
                Optional.ofNullable(priority), Optional.ofNullable(queue));
        return queries.list(caller.get(), filter, PageRequest.of(limit, cursor)).map(DeploymentView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({PlatformRole.USER, PlatformRole.AGENT, PlatformRole.SERVICE})
    @Operation(summary = "A deployment; while PENDING, `pending` says why it waits and where it is in the queue")
    @APIResponse(responseCode = "404", description = "No such deployment, or not one of your organizations'")
    public DeploymentView get(@PathParam("id") UUID id) {
        return DeploymentView.of(queries.get(caller.get(), id));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({PlatformRole.USER, PlatformRole.AGENT, PlatformRole.SERVICE})
    @Operation(summary = "A deployment's timeline: its events as published, oldest first, each as its envelope",
            description = "An event shows here once it is published, moments after the change it reports.")
    @APIResponse(responseCode = "404", description = "No such deployment, or not one of your organizations'")
    public HistoryView history(@PathParam("id") UUID id) {
        return HistoryView.of(queries.history(caller.get(), id), json);
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({PlatformRole.USER, PlatformRole.AGENT, PlatformRole.SERVICE})
    @Operation(summary = "A deployment's events as server-sent events: those so far, then live, until it ends",
            description = "Each event as `id:` (the event's id), `event:` (its type) and `data:` (its envelope, as"
                    + " published), in order and once. With Last-Event-ID, only the events after that one. The"
                    + " stream ends after the event that ends the deployment (completed, failed, cancelled,"
                    + " rejected). A comment every 15 s keeps an idle stream open.")
    @APIResponse(responseCode = "200", description = "The stream (text/event-stream)")
    @APIResponse(responseCode = "400", description = "A Last-Event-ID that is no event id")
    @APIResponse(responseCode = "404", description = "No such deployment, or not one of your organizations'")
    public void events(@PathParam("id") UUID id, @HeaderParam("Last-Event-ID") UUID lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        streams.deployment(caller.get(), id, Optional.ofNullable(lastEventId), sink, sse);
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Cancel a PENDING or RUNNING deployment (DEVELOPER and above)",
            description = "Its claim is released and every pending deployment that depends on it fails.")
    @APIResponse(responseCode = "409", description = "It already ended")
    public DeploymentView cancel(@PathParam("id") UUID id) {
        return DeploymentView.of(lifecycle.cancel(caller.get(), id));
    }

    @POST
    @Path("/{id}/status")
    @RolesAllowed({PlatformRole.USER, PlatformRole.AGENT})
    @Operation(summary = "Report that a RUNNING deployment COMPLETED or FAILED, or that a PREEMPTING one STOPPED"
            + " (executors, or DEVELOPER and above)",
            description = "A failure fails every pending deployment that depends on it (or retries it, as its retry"
                    + " policy says); either way its capacity is released. STOPPED ends a graceful preemption: the"
                    + " deployment goes back to its place in the queue and its capacity to its preemptor.")
    @APIResponse(responseCode = "409", description = "It is not RUNNING (or, for STOPPED, not PREEMPTING), or the"
            + " status is one of a deployment's but not a report")
    @APIResponse(responseCode = "422", description = "The status is none of COMPLETED, FAILED or STOPPED")
    public DeploymentView report(@PathParam("id") UUID id, @Valid @NotNull StatusRequest request) {
        return DeploymentView.of(lifecycle.report(caller.get(), id, request.status(), request.message()));
    }
}

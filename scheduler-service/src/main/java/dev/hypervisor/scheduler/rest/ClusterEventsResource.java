package dev.hypervisor.scheduler.rest;

import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.security.CurrentCaller;
import dev.hypervisor.scheduler.streams.EventStreams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/clusters/{id}/events")
@SecurityRequirement(name = "bearer")
@Tag(name = "Deployments")
public class ClusterEventsResource {

    private final EventStreams streams;
    private final CurrentCaller caller;

    public ClusterEventsResource(EventStreams streams, CurrentCaller caller) {
        this.streams = streams;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({PlatformRole.USER, PlatformRole.AGENT, PlatformRole.SERVICE})
    @Operation(summary = "Every deployment event of the cluster from now on, as server-sent events",
            description = "Each event as `id:` (the event's id), `event:` (its type) and `data:` (its envelope, as"
                    + " published). With Last-Event-ID, the events after that one first, if it is at most an hour"
                    + " old (else from now on). A comment every 15 s keeps an idle stream open.")
    @APIResponse(responseCode = "200", description = "The stream (text/event-stream)")
    @APIResponse(responseCode = "400", description = "A Last-Event-ID that is no event id")
    @APIResponse(responseCode = "404", description = "No such cluster, or not one of your organizations'")
    public void events(@PathParam("id") UUID clusterId, @HeaderParam("Last-Event-ID") UUID lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        streams.cluster(caller.get(), clusterId, Optional.ofNullable(lastEventId), sink, sse);
    }
}

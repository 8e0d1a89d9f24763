package dev.hypervisor.runtime.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** A stand-in for a service's creating endpoint. */
@Path("/things")
public class CreatingResource {

    @POST
    public Response create(@Context UriInfo uri) {
        return Created.at(uri, "42").build();
    }
}

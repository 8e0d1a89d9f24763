package dev.hypervisor.runtime.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * A 201 answer to a creating {@code POST}, with a {@code Location} naming the new resource under the collection
 * that was posted to, as the caller reached it: behind the gateway or an ingress, their scheme, host and port
 * (from the {@code X-Forwarded-*} headers of a trusted proxy), not this service's own.
 */
public final class Created {

    private Created() {
    }

    public static Response.ResponseBuilder at(UriInfo uri, Object id) {
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build());
    }
}

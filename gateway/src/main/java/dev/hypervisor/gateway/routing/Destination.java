package dev.hypervisor.gateway.routing;

import java.net.URI;

/** Where a request goes: the upstream's name and origin, and the path and query to ask it for. */
public record Destination(String upstream, URI origin, String uri) {
}

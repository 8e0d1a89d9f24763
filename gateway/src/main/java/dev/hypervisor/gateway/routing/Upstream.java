package dev.hypervisor.gateway.routing;

import java.net.URI;
import java.util.List;

/** A service behind the gateway: where it listens, and the path prefixes it owns. */
public record Upstream(String name, URI origin, List<String> paths) {
}

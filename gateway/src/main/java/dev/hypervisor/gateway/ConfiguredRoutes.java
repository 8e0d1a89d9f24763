package dev.hypervisor.gateway;

import dev.hypervisor.gateway.routing.RouteTable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The route table the configuration describes, built once. */
public class ConfiguredRoutes {

    @Produces
    @Singleton
    RouteTable routeTable(GatewayConfig config) {
        return new RouteTable(config.upstreamList());
    }
}

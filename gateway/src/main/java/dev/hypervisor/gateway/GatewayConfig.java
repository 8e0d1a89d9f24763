package dev.hypervisor.gateway;

import dev.hypervisor.gateway.routing.Upstream;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The gateway's settings: see application.properties for what each upstream owns. */
@ConfigMapping(prefix = "hv.gateway")
public interface GatewayConfig {

    Map<String, UpstreamConfig> upstreams();

    /** How long a request may go without a byte moving before the gateway gives up on it. */
    @WithDefault("60s")
    Duration timeout();

    /**
     * How many connections it may hold open to one upstream. An event stream holds one for as long as it is open
     * (HTTP/1.1 has one request at a time per connection), so this bounds the streams open through the gateway.
     */
    @WithDefault("5000")
    int maxConnections();

    interface UpstreamConfig {
        URI url();

        List<String> paths();
    }

    default List<Upstream> upstreamList() {
        return upstreams().entrySet().stream()
                .map(entry -> new Upstream(entry.getKey(), entry.getValue().url(), entry.getValue().paths()))
                .toList();
    }
}

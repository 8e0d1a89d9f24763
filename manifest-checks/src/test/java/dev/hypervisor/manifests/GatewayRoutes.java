package dev.hypervisor.manifests;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The gateway's routing table as its configuration declares it: upstream name to path prefixes. */
final class GatewayRoutes {

    private static final String PREFIX = "hv.gateway.upstreams.";
    private static final String PATHS = ".paths";

    private GatewayRoutes() {
    }

    static Map<String, List<String>> read() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repository.read(
                    Repository.path("gateway/src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> routes = new TreeMap<>();
        properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith(PREFIX) && key.endsWith(PATHS))
                .forEach(key -> routes.put(key.substring(PREFIX.length(), key.length() - PATHS.length()),
                        List.of(properties.getProperty(key).split(","))));
        return routes;
    }
}

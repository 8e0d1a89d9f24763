package dev.hypervisor.gateway.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which upstream serves a path: the one with the most specific matching pattern. Besides the API paths,
 * {@code /{upstream}/q/health...} and {@code /{upstream}/q/openapi} reach that upstream's own endpoints, so that
 * everything a newcomer needs is on the gateway's one port.
 */
public final class RouteTable {

    /** The upstream endpoints reachable through {@code /{upstream}/q/...}; metrics and the rest stay internal. */
    private static final Set<String> EXPOSED_OPERATIONS = Set.of("health", "openapi");

    private record Rule(Upstream upstream, PathPattern pattern) {
    }

    private final List<Upstream> upstreams;
    private final List<Rule> rules;

    public RouteTable(List<Upstream> upstreams) {
        this.upstreams = List.copyOf(upstreams);
        this.rules = upstreams.stream()
                .flatMap(upstream -> upstream.paths().stream().map(path -> new Rule(upstream, PathPattern.parse(path))))
                .sorted(Comparator.comparingInt((Rule rule) -> rule.pattern().specificity()).reversed())
                .toList();
    }

    /**
     * The destination of a request for {@code path} (already normalized: no dot segments) with the raw
     * {@code query} (null when absent), or empty when no upstream owns the path.
     */
    public Optional<Destination> resolve(String path, String query) {
        List<String> segments = PathPattern.segmentsOf(path);
        String suffix = query == null || query.isEmpty() ? "" : "?" + query;
        Optional<Destination> operations = upstreamOperation(segments, suffix);
        if (operations.isPresent()) {
            return operations;
        }
        return rules.stream()
                .filter(rule -> rule.pattern().matches(segments))
                .findFirst()
                .map(rule -> new Destination(rule.upstream().name(), rule.upstream().origin(), path + suffix));
    }

    private Optional<Destination> upstreamOperation(List<String> segments, String suffix) {
        if (segments.size() < 3 || !segments.get(1).equals("q") || !EXPOSED_OPERATIONS.contains(segments.get(2))) {
            return Optional.empty();
        }
        String name = segments.get(0);
        String upstreamPath = "/" + String.join("/", segments.subList(1, segments.size()));
        return upstreams.stream()
                .filter(upstream -> upstream.name().equals(name))
                .findFirst()
                .map(upstream -> new Destination(name, upstream.origin(), upstreamPath + suffix));
    }

    public List<Upstream> upstreams() {
        return upstreams;
    }
}

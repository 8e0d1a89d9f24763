package dev.hypervisor.gateway.routing;

import java.util.Arrays;
import java.util.List;

/**
 * A path prefix such as {@code /api/v1/clusters} or {@code /api/v1/clusters/*}{@code /queue}: it matches every
 * path that begins with its segments, where {@code *} stands for exactly one segment.
 */
record PathPattern(String text, List<String> segments) {

    private static final String ANY_SEGMENT = "*";

    static PathPattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/': " + text);
        }
        List<String> segments = segmentsOf(text);
        if (segments.isEmpty() || segments.contains("")) {
            throw new IllegalArgumentException("a path pattern has non-empty segments: " + text);
        }
        return new PathPattern(text, segments);
    }

    boolean matches(List<String> pathSegments) {
        if (pathSegments.size() < segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (!segment.equals(ANY_SEGMENT) && !segment.equals(pathSegments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Longer patterns are more specific; among equally long ones, those with fewer wildcards. */
    int specificity() {
        int wildcards = (int) segments.stream().filter(ANY_SEGMENT::equals).count();
        return segments.size() * 100 - wildcards;
    }

    static List<String> segmentsOf(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/", -1));
    }
}

package dev.hypervisor.executor.jobs;

import java.util.Map;

/** Where a Hypervisor cluster's Jobs run: their namespace and the node selector of their pods. */
public record JobTarget(String namespace, Map<String, String> nodeSelector) {

    public JobTarget {
        nodeSelector = Map.copyOf(nodeSelector);
    }
}

package dev.hypervisor.scheduler.client;

import dev.hypervisor.common.resources.Resources;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What one cluster's pass asks of the ledger: claims for the deployments it starts, releases for those that end. */
public record LedgerChange(UUID clusterId, Map<UUID, Resources> claims, List<UUID> releases) {

    public LedgerChange {
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims)); // in the order the pass placed them
        releases = List.copyOf(releases);
    }
}

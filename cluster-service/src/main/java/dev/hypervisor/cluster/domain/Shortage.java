package dev.hypervisor.cluster.domain;

import java.util.UUID;

/** A claim that does not fit: of this provider's resource, {@code needed} more was asked while {@code free} is left. */
public record Shortage(UUID providerId, ResourceClass resourceClass, long needed, long free) {

    public long missing() {
        return needed - free;
    }

    public String describe() {
        return resourceClass.jsonName() + ": needs " + resourceClass.format(needed) + " more, "
                + resourceClass.format(Math.max(0, free)) + " free";
    }
}

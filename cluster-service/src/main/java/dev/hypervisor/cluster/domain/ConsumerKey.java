package dev.hypervisor.cluster.domain;

import java.util.Comparator;
import java.util.UUID;

/** A consumer's claim on one provider. Ordered as consumers are locked: by consumer, then provider. */
public record ConsumerKey(UUID providerId, UUID consumerId) implements Comparable<ConsumerKey> {

    private static final Comparator<ConsumerKey> LOCK_ORDER = Comparator
            .comparing(ConsumerKey::consumerId)
            .thenComparing(ConsumerKey::providerId);

    @Override
    public int compareTo(ConsumerKey other) {
        return LOCK_ORDER.compare(this, other);
    }
}

package dev.hypervisor.scheduler.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which clusters an instance schedules, and since when: a lease is judged only by an owner that could hear it. */
class ClusterOwnershipTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int PARTITIONS = 4;

    private final MutableClock clock = new MutableClock();
    private final ClusterOwnership ownership = new ClusterOwnership(clock);

    @Test
    void anOwnedClusterIsOwnedSinceItsPartitionWasFirstAssignedUntilItIsRevoked() {
        UUID cluster = UUID.randomUUID();
        int partition = ClusterOwnership.partitionOf(cluster, PARTITIONS);
        assertThat(ownership.ownedSince(cluster)).isEmpty();

        clock.now = T0;
        ownership.assigned(List.of(partition), PARTITIONS);
        clock.now = T0.plusSeconds(60);
        ownership.assigned(IntStream.range(0, PARTITIONS).boxed().toList(), PARTITIONS); // more, the same one again

        assertThat(ownership.owns(cluster)).isTrue();
        assertThat(ownership.ownedSince(cluster)).contains(T0);

        ownership.revoked(List.of(partition));
        assertThat(ownership.ownedSince(cluster)).isEmpty();
        clock.now = T0.plusSeconds(90);
        ownership.assigned(List.of(partition), PARTITIONS);
        assertThat(ownership.ownedSince(cluster)).as("taken again: what happened meanwhile was not seen here")
                .contains(T0.plusSeconds(90));
    }

    private static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

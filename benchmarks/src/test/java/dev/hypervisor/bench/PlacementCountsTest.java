package dev.hypervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.bench.PlacementCounts.Seen;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlacementCountsTest {

    private final PlacementCounts counts = new PlacementCounts();
    private final UUID deployment = UUID.randomUUID();

    @Test
    void theSameEventDeliveredAgainIsARedeliveryNotADuplicatePlacement() {
        UUID event = UUID.randomUUID();

        assertThat(counts.placed(event, deployment)).isEqualTo(Seen.PLACEMENT);
        assertThat(counts.placed(event, deployment)).isEqualTo(Seen.REDELIVERY);

        assertThat(counts.placements()).isEqualTo(1);
        assertThat(counts.count(Seen.REDELIVERY)).isEqualTo(1);
        assertThat(counts.count(Seen.DUPLICATE)).isZero();
    }

    @Test
    void aSecondPlacementEventForARunningDeploymentIsADuplicate() {
        counts.placed(UUID.randomUUID(), deployment);

        assertThat(counts.placed(UUID.randomUUID(), deployment)).isEqualTo(Seen.DUPLICATE);

        assertThat(counts.placements()).isEqualTo(2);
        assertThat(counts.count(Seen.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void aPreemptedDeploymentPlacedAgainIsNeitherDuplicateNorRedelivery() {
        counts.placed(UUID.randomUUID(), deployment);
        counts.preempted(deployment);

        assertThat(counts.placed(UUID.randomUUID(), deployment)).isEqualTo(Seen.PLACEMENT);

        assertThat(counts.placements()).isEqualTo(2);
        assertThat(counts.count(Seen.DUPLICATE)).isZero();
        assertThat(counts.count(Seen.REDELIVERY)).isZero();
    }
}

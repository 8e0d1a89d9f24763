package dev.hypervisor.cluster.domain;

import static dev.hypervisor.cluster.domain.ResourceClass.CPU;
import static dev.hypervisor.cluster.domain.ResourceClass.GPU;
import static dev.hypervisor.cluster.domain.ResourceClass.MEMORY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerChangeTest {

    private static final UUID CLUSTER = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
    private static final UUID OTHER_CLUSTER = UUID.fromString("00000000-0000-4000-8000-0000000000c2");
    private static final ConsumerKey A = new ConsumerKey(CLUSTER, UUID.fromString("00000000-0000-4000-8000-00000000000a"));
    private static final ConsumerKey B = new ConsumerKey(CLUSTER, UUID.fromString("00000000-0000-4000-8000-00000000000b"));

    @Test
    void aNewClaimAddsItsAmountsToTheInventories() {
        LedgerChange change = new LedgerChange(Map.of(), Map.of(A, Map.of(CPU, 500L, MEMORY, 1024L)));

        assertThat(change.deltas()).containsExactly(
                Map.entry(new InventoryKey(CLUSTER, CPU), 500L), Map.entry(new InventoryKey(CLUSTER, MEMORY), 1024L));
        assertThat(change.claimsAfter()).containsEntry(A, Map.of(CPU, 500L, MEMORY, 1024L));
    }

    @Test
    void aReplacementChangesOnlyTheDifference() {
        LedgerChange change = new LedgerChange(Map.of(A, Map.of(CPU, 2000L, GPU, 1L)), Map.of(A, Map.of(CPU, 3000L)));

        assertThat(change.deltas()).containsExactly(
                Map.entry(new InventoryKey(CLUSTER, CPU), 1000L), Map.entry(new InventoryKey(CLUSTER, GPU), -1L));
        assertThat(change.claimDeltas()).containsEntry(A, Map.of(CPU, 1000L, GPU, -1L));
    }

    @Test
    void repeatingAClaimChangesNothing() {
        Map<ResourceClass, Long> held = Map.of(CPU, 2000L, MEMORY, 4096L);

        assertThat(new LedgerChange(Map.of(A, held), Map.of(A, held)).changesNothing()).isTrue();
        assertThat(new LedgerChange(Map.of(), Map.of(A, Map.of())).changesNothing()).isTrue();
    }

    @Test
    void aSwapOnAFullClusterFitsBecauseOnlyTheNetChangeCounts() {
        LedgerChange swap = new LedgerChange(Map.of(A, Map.of(CPU, 4000L)),
                Map.of(A, Map.of(), B, Map.of(CPU, 4000L)));
        Map<InventoryKey, Inventory> full = Map.of(new InventoryKey(CLUSTER, CPU),
                new Inventory(new InventoryKey(CLUSTER, CPU), 4000, 0, 4000));

        assertThat(swap.deltas()).isEmpty();
        assertThat(swap.shortages(full)).isEmpty();
        assertThat(swap.claimDeltas()).containsEntry(A, Map.of(CPU, -4000L)).containsEntry(B, Map.of(CPU, 4000L));
    }

    @Test
    void everyIncreaseBeyondWhatIsFreeIsAShortage() {
        LedgerChange change = new LedgerChange(Map.of(), Map.of(A, Map.of(CPU, 3000L, MEMORY, 100L, GPU, 2L)));
        Map<InventoryKey, Inventory> inventories = Map.of(
                new InventoryKey(CLUSTER, CPU), new Inventory(new InventoryKey(CLUSTER, CPU), 4000, 0, 2000),
                new InventoryKey(CLUSTER, MEMORY), new Inventory(new InventoryKey(CLUSTER, MEMORY), 1000, 0, 0),
                new InventoryKey(CLUSTER, GPU), new Inventory(new InventoryKey(CLUSTER, GPU), 8, 7, 0));

        assertThat(change.shortages(inventories)).containsExactly(
                new Shortage(CLUSTER, CPU, 3000, 2000), new Shortage(CLUSTER, GPU, 2, 1));
    }

    @Test
    void aClassTheProviderDoesNotOfferIsShortOfEverything() {
        LedgerChange change = new LedgerChange(Map.of(), Map.of(new ConsumerKey(OTHER_CLUSTER, A.consumerId()),
                Map.of(ResourceClass.DISK, 10L)));

        assertThat(change.shortages(Map.of())).containsExactly(new Shortage(OTHER_CLUSTER, ResourceClass.DISK, 10, 0));
    }

    @Test
    void releasesNeverFallShort() {
        LedgerChange release = new LedgerChange(Map.of(A, Map.of(CPU, 1000L)), Map.of(A, Map.of()));

        assertThat(release.deltas()).containsExactly(Map.entry(new InventoryKey(CLUSTER, CPU), -1000L));
        assertThat(release.shortages(Map.of())).isEmpty();
    }
}

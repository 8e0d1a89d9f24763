package dev.hypervisor.scheduler.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OwedReleasesTest {

    private final UUID cluster = UUID.randomUUID();
    private final OwedReleases owed = new OwedReleases();

    @Test
    void aPassTakesAtMostALedgerBatchAndTheRestStaysOwedInOrder() {
        List<UUID> ended = ids(2_500);
        owed.add(cluster, ended);

        assertThat(owed.take(cluster, 1_000)).containsExactlyElementsOf(ended.subList(0, 1_000));
        assertThat(owed.clusters()).containsExactly(cluster);
        assertThat(owed.take(cluster, 1_000)).containsExactlyElementsOf(ended.subList(1_000, 2_000));
        assertThat(owed.take(cluster, 1_000)).containsExactlyElementsOf(ended.subList(2_000, 2_500));
        assertThat(owed.clusters()).isEmpty();
        assertThat(owed.take(cluster, 1_000)).isEmpty();
    }

    @Test
    void nothingIsOwedForNoReleasesAndAForgottenClusterOwesNothing() {
        owed.add(cluster, List.of());
        assertThat(owed.clusters()).isEmpty();

        owed.add(cluster, ids(3));
        assertThat(owed.clusters()).containsExactly(cluster);
        owed.forget(cluster);
        assertThat(owed.clusters()).isEmpty();
    }

    @Test
    void aReleaseAddedWhileAPassTakesIsEitherTakenOrStillOwedNeverLost() throws Exception {
        int adders = 4;
        int perAdder = 20_000;
        ExecutorService threads = Executors.newFixedThreadPool(adders + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean adding = new AtomicBoolean(true);
        ConcurrentLinkedQueue<UUID> taken = new ConcurrentLinkedQueue<>();
        List<Future<List<UUID>>> added = new ArrayList<>();
        for (int i = 0; i < adders; i++) {
            added.add(threads.submit(() -> {
                start.await();
                List<UUID> mine = ids(perAdder);
                for (UUID id : mine) {
                    owed.add(cluster, List.of(id));
                }
                return mine;
            }));
        }
        Future<?> taker = threads.submit(() -> {
            start.await();
            while (adding.get()) {
                taken.addAll(owed.take(cluster, 1_000));
            }
            return null;
        });
        start.countDown();
        List<UUID> all = new ArrayList<>();
        for (Future<List<UUID>> adder : added) {
            all.addAll(adder.get(60, TimeUnit.SECONDS));
        }
        adding.set(false);
        taker.get(60, TimeUnit.SECONDS);
        threads.shutdown();
        List<UUID> rest;
        while (!(rest = owed.take(cluster, 1_000)).isEmpty()) {
            taken.addAll(rest);
        }

        assertThat(taken).hasSize(adders * perAdder).doesNotHaveDuplicates();
        assertThat(Set.copyOf(taken)).isEqualTo(Set.copyOf(all));
    }

    private static List<UUID> ids(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        return ids;
    }
}

package dev.hypervisor.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** Requests that race: each on a thread of its own, all let go at once; answers what each answered, in order. */
public final class Race {

    private Race() {
    }

    /** {@code attempt} makes racer {@code i}'s request, which answers its status code. */
    public static List<Integer> statuses(int racers, IntFunction<Supplier<Integer>> attempt)
            throws InterruptedException, ExecutionException {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Supplier<Integer> request = attempt.apply(i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}

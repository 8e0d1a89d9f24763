package dev.hypervisor.runtime.kafka;

import dev.hypervisor.runtime.retry.Backoff;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A subscribed consumer's loop, at least once: each poll's records are handed over, and their offsets committed
 * once the handler returns. A poll or commit that fails (the broker restarting, or the group moved on while a
 * handler waited out an outage) is logged and retried with back-off; what was not committed comes again, here or
 * to the partition's new owner, so handlers must be idempotent. The loop ends when {@code running} turns false or
 * the consumer is woken up, and closes the consumer.
 *
 * <p>{@link #untilDone} is for handlers: it repeats an attempt, waiting longer after each failure, for as long
 * as the service runs.
 */
public final class CommittingPollLoop {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Backoff<Object> RETRIES = new Backoff<>(Duration.ofMillis(250), Duration.ofSeconds(10));

    private CommittingPollLoop() {
    }

    public static void run(KafkaConsumer<String, byte[]> consumer, BooleanSupplier running,
                           Consumer<ConsumerRecords<String, byte[]>> handler, Logger log, String what) {
        run(consumer, running, handler, () -> { }, log, what);
    }

    /** The same, telling {@code afterEachPoll} when a poll's records (none, perhaps) are handled and committed. */
    public static void run(KafkaConsumer<String, byte[]> consumer, BooleanSupplier running,
                           Consumer<ConsumerRecords<String, byte[]>> handler, Runnable afterEachPoll, Logger log,
                           String what) {
        try {
            int failuresInARow = 0;
            while (running.getAsBoolean()) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        handler.accept(records);
                        consumer.commitSync();
                    }
                    afterEachPoll.run();
                    failuresInARow = 0;
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (KafkaException e) {
                    failuresInARow++;
                    log.warnf("%s could not poll or commit (%s); retrying", what, e.getMessage());
                    pause(RETRIES.delay(failuresInARow));
                }
            }
        } catch (WakeupException stopping) {
            // the service is stopping
        } catch (RuntimeException e) {
            log.errorf(e, "%s stopped", what);
        } finally {
            Thread.interrupted(); // a stop may interrupt this thread; closing must not be cut short by that
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Repeats the attempt until it answers true or {@code running} turns false, waiting longer each time. */
    public static void untilDone(BooleanSupplier running, BooleanSupplier attempt) {
        int failuresInARow = 0;
        while (running.getAsBoolean() && !attempt.getAsBoolean()) {
            failuresInARow++;
            pause(RETRIES.delay(failuresInARow));
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

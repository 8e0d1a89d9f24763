package dev.hypervisor.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When a service stopped on its own. A service that stops now and then is started again; one that stops
 * {@value #LIMIT} times within {@link #WINDOW} is in a crash loop, which starting it again will not cure.
 */
final class CrashLoop {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Deque<Instant> stops = new ArrayDeque<>();

    /** Records a stop; throws when it makes a crash loop. */
    void stoppedAt(Instant when, String service) {
        stops.addLast(when);
        while (stops.peekFirst().isBefore(when.minus(WINDOW))) {
            stops.removeFirst();
        }
        if (stops.size() >= LIMIT) {
            throw new StackException(service + " stopped on its own " + stops.size() + " times within "
                    + WINDOW.toMinutes() + " minutes; its log in .hypervisor/logs says why. Stopping the rest.");
        }
    }
}

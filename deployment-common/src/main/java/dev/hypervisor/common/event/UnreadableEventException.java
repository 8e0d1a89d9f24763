package dev.hypervisor.common.event;

/** Bytes that are not an event this code understands; consumers log and skip them instead of stopping. */
public final class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreadableEventException(String message) {
        super(message);
    }
}

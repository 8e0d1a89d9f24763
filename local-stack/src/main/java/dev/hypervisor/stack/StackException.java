package dev.hypervisor.stack;

/** The stack cannot start or keep running; the message tells the user what to do about it. */
final class StackException extends RuntimeException {

    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}

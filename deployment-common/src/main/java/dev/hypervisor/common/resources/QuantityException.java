package dev.hypervisor.common.resources;

/** A quantity string that cannot be read as an exact, non-negative amount; the message says why. */
public final class QuantityException extends IllegalArgumentException {

    public QuantityException(String text, String reason) {
        super(text == null ? "a quantity is required" : "'" + text + "' " + reason);
    }
}

package dev.hypervisor.cli.api;

/** The server refused the request (or could not be reached): {@code hv} exits 1 with this on stderr. */
public class RefusedException extends RuntimeException {

    private final int status;

    public RefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status; 0 when no answer came. */
    public int status() {
        return status;
    }
}

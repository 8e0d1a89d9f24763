package dev.hypervisor.scheduler.client;

/** Another Hypervisor service could not be reached or answered something unexpected. */
public class UpstreamException extends RuntimeException {

    public UpstreamException(String message) {
        super(message);
    }

    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}

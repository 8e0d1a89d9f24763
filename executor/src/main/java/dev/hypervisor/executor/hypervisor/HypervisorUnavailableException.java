package dev.hypervisor.executor.hypervisor;

/** The API could not say what the executor asked: it did not answer, or refused the executor's account. */
public class HypervisorUnavailableException extends RuntimeException {

    public HypervisorUnavailableException(String message) {
        super(message);
    }

    public HypervisorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

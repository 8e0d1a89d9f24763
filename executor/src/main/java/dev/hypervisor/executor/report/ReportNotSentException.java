package dev.hypervisor.executor.report;

/** Kafka did not take a report in time; the executor tries again on its next look. */
public class ReportNotSentException extends RuntimeException {

    public ReportNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}

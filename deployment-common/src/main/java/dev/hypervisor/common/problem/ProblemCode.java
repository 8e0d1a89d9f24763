package dev.hypervisor.common.problem;

import java.util.Locale;

/**
 * The stable, machine-readable {@code code} of every error answer, with the HTTP status and title it goes with.
 * Clients branch on the code; the title and detail are for people and may change.
 */
public enum ProblemCode {
    // the request itself
    MALFORMED_REQUEST(400, "Malformed request"),
    VALIDATION_FAILED(422, "Validation failed"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused with another request"),

    // who is asking
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Not allowed"),
    RATE_LIMITED(429, "Too many requests"),

    // the state of things
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Conflict with the current state"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    PRECONDITION_REQUIRED(428, "Precondition required"),

    // capacity
    INSUFFICIENT_CAPACITY(409, "Insufficient capacity"),
    EXCEEDS_CLUSTER_CAPACITY(422, "Exceeds cluster capacity"),

    // the server
    INTERNAL_ERROR(500, "Internal error"),
    BAD_GATEWAY(502, "Upstream service unreachable"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    GATEWAY_TIMEOUT(504, "Upstream service timed out");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem {@code type}: a URN naming the code, e.g. {@code urn:hypervisor:problem:insufficient-capacity}. */
    public String type() {
        return "urn:hypervisor:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

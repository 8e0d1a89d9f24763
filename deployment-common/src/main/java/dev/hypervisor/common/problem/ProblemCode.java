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
    INVALID_CREDENTIALS(401, "Invalid credentials"),
    INVALID_REFRESH_TOKEN(401, "Invalid refresh token"),
    INVALID_CLIENT(401, "Invalid client"),
    UNSUPPORTED_GRANT_TYPE(400, "Unsupported grant type"),
    FORBIDDEN(403, "Not allowed"),
    RATE_LIMITED(429, "Too many requests"),

    // accounts and organizations
    DUPLICATE_ACCOUNT(409, "Account already exists"),
    INVALID_INVITE(404, "Invalid invite"),
    ALREADY_MEMBER(409, "Already a member"),
    LAST_OWNER(409, "Last owner"),

    // the state of things
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Conflict with the current state"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    PRECONDITION_REQUIRED(428, "Precondition required"),

    // capacity
    INSUFFICIENT_CAPACITY(409, "Insufficient capacity"),
    EXCEEDS_CLUSTER_CAPACITY(422, "Exceeds cluster capacity"),
    SUBNET_EXHAUSTED(409, "Subnet exhausted"),

    // queues of a cluster
    QUOTA_EXCEEDS_CAPACITY(422, "Quotas exceed the cluster's capacity"),
    QUEUE_REQUIRED(422, "A queue is required"),
    UNKNOWN_QUEUE(422, "Unknown queue"),
    QUEUE_IN_USE(409, "Queue in use"),

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

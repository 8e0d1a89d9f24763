package dev.hypervisor.common.security;

/** The names of the access-token claims the services read. */
public final class TokenClaims {

    /** The user id (or the service account's client id). */
    public static final String SUBJECT = "sub";
    /** The username. */
    public static final String UPN = "upn";
    /** Platform roles, see {@link PlatformRole}. */
    public static final String GROUPS = "groups";
    /** The memberships at the time the token was issued: an object of organization id to {@link OrgRole} name. */
    public static final String MEMBERSHIPS = "memberships";
    /**
     * When the token was issued, in milliseconds since the epoch: {@code iat} says it only to the second, too
     * coarse to tell a token issued just before a membership was revoked from one issued just after.
     */
    public static final String ISSUED_AT_MILLIS = "iat_ms";
    /** The audience every Hypervisor token is issued for. */
    public static final String AUDIENCE = "hypervisor";

    private TokenClaims() {
    }
}

package dev.hypervisor.common.security;

/** Roles outside any organization, carried in the token's {@code groups} claim. */
public final class PlatformRole {

    /** Manages the shared catalog: providers, data centers, pools, storage, operating systems. */
    public static final String ADMIN = "admin";
    /** A service account of the platform itself: the scheduler claiming capacity in the ledger. */
    public static final String SERVICE = "service";
    /** An executor reporting on the deployments it runs. */
    public static final String AGENT = "agent";
    /** Every signed-in person. */
    public static final String USER = "user";

    private PlatformRole() {
    }
}

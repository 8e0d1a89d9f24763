package dev.hypervisor.common.security;

/**
 * A member's role in an organization, from most to least powerful. Viewers read; developers submit, cancel and
 * report on deployments; admins manage clusters, invites and members; owners also delete the organization and
 * transfer ownership.
 */
public enum OrgRole {
    OWNER(4),
    ADMIN(3),
    DEVELOPER(2),
    VIEWER(1);

    private final int rank;

    OrgRole(int rank) {
        this.rank = rank;
    }

    /** True when this role may do what {@code required} may. */
    public boolean atLeast(OrgRole required) {
        return rank >= required.rank;
    }

    /** True when this role is strictly above {@code other}. */
    public boolean outranks(OrgRole other) {
        return rank > other.rank;
    }
}

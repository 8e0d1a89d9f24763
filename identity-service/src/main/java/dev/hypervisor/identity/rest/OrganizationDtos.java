package dev.hypervisor.identity.rest;

import dev.hypervisor.common.security.OrgRole;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The bodies of the /organizations endpoints. */
final class OrganizationDtos {

    private OrganizationDtos() {
    }

    record CreateOrganizationRequest(@NotBlank @Size(max = 100) String name) {
    }

    record CreatedOrganization(UUID id, String name, Instant createdAt, OrgRole role, String inviteCode,
                               String accessToken) {
    }

    record OrganizationSummary(UUID id, String name, OrgRole role) {
    }

    /** {@code inviteCode} is there only for admins and above. */
    record OrganizationView(UUID id, String name, Instant createdAt, int memberCount, OrgRole role,
                            String inviteCode) {
    }

    record JoinRequest(@NotBlank @Size(max = 100) String inviteCode) {
    }

    record OrganizationReference(UUID id, String name) {
    }

    record Joined(OrganizationReference organization, OrgRole role, String accessToken) {
    }

    record CreateInviteRequest(
            OrgRole role,
            @Min(1) @Max(1000) Integer maxUses,
            @Min(1) @Max(720) Integer expiresInHours) {
    }

    record InviteView(String code, OrgRole role, int maxUses, Instant expiresAt) {
    }

    record MemberView(UUID userId, String username, OrgRole role, Instant joinedAt) {
    }

    record ChangeRoleRequest(@NotNull OrgRole role) {
    }

    record Me(UUID id, String username, String email, List<String> platformRoles,
              List<OrganizationSummary> organizations) {
    }
}

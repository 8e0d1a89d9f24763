package dev.hypervisor.scheduler.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Who belongs to an organization, as identity-service knows it (the scheduler keeps no list of members). Asked with
 * the caller's own token: only a member may read the list, and the one who names members of a queue is an admin.
 */
@ApplicationScoped
public class OrganizationMembers {

    /** identity-service's largest page. */
    private static final int PAGE = 500;

    private final OrganizationMembersApi api;

    OrganizationMembers(@RestClient OrganizationMembersApi api) {
        this.api = api;
    }

    /** Those of the users who are not members of the organization, in the order given. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    public List<UUID> strangersAmong(UUID organizationId, Collection<UUID> users, String authorization) {
        Set<UUID> strangers = new LinkedHashSet<>(users);
        if (strangers.isEmpty()) {
            return List.of();
        }
        String cursor = null;
        try {
            do {
                try (Response answer = api.members(organizationId, PAGE, cursor, authorization)) {
                    if (answer.getStatus() != 200) {
                        throw new UpstreamException("identity-service answered " + answer.getStatus()
                                + " to the members of organization " + organizationId);
                    }
                    MemberPage page = answer.readEntity(MemberPage.class);
                    page.items().forEach(member -> strangers.remove(member.userId()));
                    cursor = page.nextCursor();
                }
            } while (cursor != null && !strangers.isEmpty());
        } catch (ProcessingException | FaultToleranceException unanswered) {
            throw new UpstreamException("identity-service did not answer the members of organization "
                    + organizationId + ": " + unanswered.getMessage(), unanswered);
        }
        return List.copyOf(strangers);
    }

    /** A page of identity-service's members list, as far as the scheduler reads it. */
    record MemberPage(List<Member> items, String nextCursor) {
    }

    record Member(UUID userId) {
    }
}

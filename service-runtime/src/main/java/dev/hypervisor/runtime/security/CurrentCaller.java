package dev.hypervisor.runtime.security;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.TokenClaims;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read once from its verified access token. */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken token;
    private final RevokedMemberships revocations;
    private Caller caller;

    public CurrentCaller(JsonWebToken token, RevokedMemberships revocations) {
        this.token = token;
        this.revocations = revocations;
    }

    public Caller get() {
        if (caller == null) {
            caller = read(token);
        }
        return caller;
    }

    /** The caller the token names, without the memberships revoked since it was issued. */
    private Caller read(JsonWebToken token) {
        if (token == null || token.getSubject() == null) {
            throw new UnauthorizedException();
        }
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        String username = token.getName() == null ? token.getSubject() : token.getName();
        Map<UUID, OrgRole> memberships = memberships(token.getClaim(TokenClaims.MEMBERSHIPS));
        Object millis = token.getClaim(TokenClaims.ISSUED_AT_MILLIS);
        ChronoUnit precision = millis == null ? ChronoUnit.SECONDS : ChronoUnit.MILLIS;
        Instant issuedAt = epochOf(millis == null ? token.getClaim("iat") : millis, precision);
        memberships.keySet().removeIf(organization ->
                revocations.revoked(organization, token.getSubject(), issuedAt, precision));
        return new Caller(token.getSubject(), username, groups, memberships);
    }

    /** A numeric claim as an instant; one that is missing or not a number counts as older than any revocation. */
    private static Instant epochOf(Object claim, ChronoUnit unit) {
        long value = claim instanceof Number number ? number.longValue()
                : claim instanceof JsonNumber number ? number.longValue() : 0;
        return Instant.EPOCH.plus(value, unit);
    }

    /** The memberships claim, an object of organization id to role; entries that are not that are ignored. */
    private static Map<UUID, OrgRole> memberships(Object claim) {
        Map<UUID, OrgRole> memberships = new HashMap<>();
        if (claim instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                if (entry.getValue() instanceof JsonString role) {
                    try {
                        memberships.put(UUID.fromString(entry.getKey()), OrgRole.valueOf(role.getString()));
                    } catch (IllegalArgumentException malformed) {
                        // a signed token we issued never holds this; ignoring it grants nothing
                    }
                }
            }
        }
        return memberships;
    }
}

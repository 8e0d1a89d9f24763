package dev.hypervisor.runtime.security;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.TokenClaims;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read once from its verified access token. */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken token;
    private Caller caller;

    public CurrentCaller(JsonWebToken token) {
        this.token = token;
    }

    public Caller get() {
        if (caller == null) {
            caller = read(token);
        }
        return caller;
    }

    private static Caller read(JsonWebToken token) {
        if (token == null || token.getSubject() == null) {
            throw new UnauthorizedException();
        }
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        String username = token.getName() == null ? token.getSubject() : token.getName();
        return new Caller(token.getSubject(), username, groups, memberships(token.getClaim(TokenClaims.MEMBERSHIPS)));
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

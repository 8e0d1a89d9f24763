package dev.hypervisor.identity.service;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.common.security.TokenClaims;
import dev.hypervisor.identity.config.IdentityConfig;
import dev.hypervisor.identity.keys.SigningKeys;
import dev.hypervisor.identity.persistence.User;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Signs RS256 access tokens with the current key. A user's token carries the platform roles in {@code groups}
 * (always {@code user}) and their memberships at this moment in the {@code memberships} claim; a service
 * account's carries its roles only.
 */
@ApplicationScoped
public class TokenIssuer {

    private final IdentityConfig config;
    private final SigningKeys keys;
    private final Clock clock;

    public TokenIssuer(IdentityConfig config, SigningKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    public String forUser(User user, Map<UUID, OrgRole> memberships) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(PlatformRole.USER);
        groups.addAll(user.platformRoles());
        Map<String, String> claim = new LinkedHashMap<>();
        memberships.forEach((organization, role) -> claim.put(organization.toString(), role.name()));
        return sign(user.id().toString(), user.username(), groups, claim);
    }

    public String forServiceAccount(String clientId, Set<String> roles) {
        return sign(clientId, clientId, roles, Map.of());
    }

    /** How long an access token lives, in seconds, as the token answers say. */
    public long lifetimeSeconds() {
        return config.accessTokenTtl().toSeconds();
    }

    private String sign(String subject, String username, Set<String> groups, Map<String, String> memberships) {
        Instant now = clock.instant();
        return Jwt.issuer(config.issuer())
                .audience(TokenClaims.AUDIENCE)
                .subject(subject)
                .upn(username)
                .groups(groups)
                .claim(TokenClaims.MEMBERSHIPS, memberships)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .claim(TokenClaims.ISSUED_AT_MILLIS, now.toEpochMilli())
                .expiresAt(now.plus(config.accessTokenTtl()))
                .jws()
                .keyId(keys.current().keyId())
                .sign(keys.signingKey());
    }
}

package dev.hypervisor.identity.service;

import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.identity.config.IdentityConfig;
import dev.hypervisor.identity.domain.SecretCodes;
import dev.hypervisor.identity.persistence.MembershipRepository;
import dev.hypervisor.identity.persistence.RefreshToken;
import dev.hypervisor.identity.persistence.RefreshTokenRepository;
import dev.hypervisor.identity.persistence.User;
import dev.hypervisor.identity.persistence.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions: a login starts a family of refresh tokens; each refresh uses one up and hands out the next, with a
 * fresh access token that carries the memberships as they are now. A refresh token is good once: using one
 * again means it was stolen (or the client is confused), and the whole family is revoked, so whoever holds
 * the newer token is signed out too.
 */
@ApplicationScoped
public class SessionService {

    private final RefreshTokenRepository refreshTokens;
    private final UserRepository users;
    private final MembershipRepository members;
    private final TokenIssuer tokens;
    private final SecretCodes codes;
    private final IdentityConfig config;
    private final AuditLog audit;
    private final Clock clock;

    public SessionService(RefreshTokenRepository refreshTokens, UserRepository users,
                          MembershipRepository members, TokenIssuer tokens, SecretCodes codes,
                          IdentityConfig config, AuditLog audit, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.members = members;
        this.tokens = tokens;
        this.codes = codes;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new session for a user who just proved who they are. */
    @Transactional
    public TokenPair start(User user) {
        return pair(user, UUID.randomUUID());
    }

    /** An access token for the user as things are now, without a new refresh token (after joining, say). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String accessToken(UUID userId) {
        User user = users.findByIdOptional(userId).orElseThrow(() -> ProblemException.notFound("user " + userId));
        return tokens.forUser(user, members.rolesOf(userId));
    }

    /**
     * Exchanges a refresh token for a new pair. The revocation of a reused token's family must outlive the 401,
     * so this transaction commits even when it answers with a problem.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public TokenPair refresh(String refreshToken) {
        Instant now = clock.instant();
        RefreshToken stored = refreshTokens.lockByHash(SecretCodes.refreshTokenHash(refreshToken))
                .orElseThrow(SessionService::invalid);
        if (stored.revokedAt() != null || !stored.expiresAt().isAfter(now)) {
            throw invalid();
        }
        if (stored.usedAt() != null) {
            int revoked = refreshTokens.revokeFamily(stored.familyId(), now);
            audit.record("refresh_token_reused", Map.of("user", stored.userId(), "family", stored.familyId(),
                    "revoked", revoked));
            throw invalid();
        }
        stored.markUsed(now);
        User user = users.findByIdOptional(stored.userId()).orElseThrow(SessionService::invalid);
        audit.record("token_refreshed", Map.of("user", user.id(), "family", stored.familyId()));
        return pair(user, stored.familyId());
    }

    /** Ends the session the refresh token belongs to, if it is the caller's; answers the same either way. */
    @Transactional
    public void logout(UUID userId, String refreshToken) {
        Optional<RefreshToken> stored = refreshTokens.lockByHash(SecretCodes.refreshTokenHash(refreshToken));
        if (stored.isPresent() && stored.get().userId().equals(userId)) {
            refreshTokens.revokeFamily(stored.get().familyId(), clock.instant());
            audit.record("logout", Map.of("user", userId, "family", stored.get().familyId()));
        }
    }

    private TokenPair pair(User user, UUID familyId) {
        Instant now = clock.instant();
        String refreshToken = codes.newRefreshToken();
        refreshTokens.persist(new RefreshToken(UUID.randomUUID(), familyId, user.id(),
                SecretCodes.refreshTokenHash(refreshToken), now, now.plus(config.refreshTokenTtl())));
        String accessToken = tokens.forUser(user, members.rolesOf(user.id()));
        return TokenPair.bearer(accessToken, tokens.lifetimeSeconds(), refreshToken);
    }

    private static ProblemException invalid() {
        return new ProblemException(ProblemCode.INVALID_REFRESH_TOKEN,
                "the refresh token is unknown, expired, used or revoked; log in again");
    }
}

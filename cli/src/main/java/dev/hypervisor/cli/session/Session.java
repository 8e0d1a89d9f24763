package dev.hypervisor.cli.session;

import java.time.Instant;

/** Who is signed in, where: the API's address and the tokens of the login, with when the access token expires. */
public record Session(String api, String username, String accessToken, String refreshToken, Instant expiresAt) {

    /** Whether the access token is expired or about to be (within a minute): time to refresh it first. */
    public boolean expiresBefore(Instant moment) {
        return expiresAt == null || !expiresAt.isAfter(moment.plusSeconds(60));
    }
}

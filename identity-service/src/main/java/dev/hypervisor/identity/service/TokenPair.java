package dev.hypervisor.identity.service;

/** What a login or a refresh gives: a short-lived access token and the refresh token that renews it. */
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken) {

    public static TokenPair bearer(String accessToken, long expiresIn, String refreshToken) {
        return new TokenPair(accessToken, "Bearer", expiresIn, refreshToken);
    }
}

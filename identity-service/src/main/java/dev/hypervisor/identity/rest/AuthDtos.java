package dev.hypervisor.identity.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** The bodies of the /auth and /users endpoints. */
final class AuthDtos {

    private AuthDtos() {
    }

    record RegisterRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{3,64}",
                    message = "must be 3 to 64 letters, digits, '_', '.' or '-'") String username,
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull String password) {
    }

    record UserView(UUID id, String username, String email, Instant createdAt) {
    }

    record LoginRequest(@NotBlank @Size(max = 254) String username, @NotNull @Size(max = 1024) String password) {
    }

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
    }

    /** The OAuth 2 token answer of the client-credentials grant, in its standard snake case. */
    record ClientToken(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {
    }
}

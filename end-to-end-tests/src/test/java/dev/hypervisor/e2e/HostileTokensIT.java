package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.security.TokenClaims;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens made by someone who wants in, against each service through the gateway: no signature ({@code alg:
 * none}), an HMAC keyed with the published public key, the right key but another issuer or audience, not valid
 * yet, or a real token whose memberships were edited. Every one is a 401 problem; the same claims honestly
 * signed are accepted, so the refusals are about what was forged.
 */
@ExtendWith(SharedStack.class)
class HostileTokensIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/users/me", "/api/v1/clusters", "/api/v1/deployments"})
    void forgedTokensAreRefusedByEveryService(String protectedPath, StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "hostile-" + UUID.randomUUID().toString().substring(0, 8));
        String issued = organization.getString("accessToken");
        String userId = as(stack, issued).get("/api/v1/users/me").then().statusCode(200).extract().path("id");
        Map<String, String> memberships = Map.of(organization.getString("id"), "OWNER");
        Instant now = Instant.now();
        ForgedTokens stackKey = ForgedTokens.withStackKey(stack.home);
        Map<String, Object> honest = ForgedTokens.claims(userId, memberships, now, now.plusSeconds(600));

        Map<String, Object> otherIssuer = new LinkedHashMap<>(honest);
        otherIssuer.put("iss", "urn:someone-else");
        Map<String, Object> otherAudience = new LinkedHashMap<>(honest);
        otherAudience.put("aud", "someone-else");
        Map<String, Object> notYetValid = new LinkedHashMap<>(honest);
        notYetValid.put("nbf", now.plusSeconds(600).getEpochSecond());
        notYetValid.put("iat", now.plusSeconds(600).getEpochSecond());
        notYetValid.put("exp", now.plusSeconds(1_200).getEpochSecond());

        for (String forged : new String[] {
                ForgedTokens.unsigned(honest),
                stackKey.hs256WithPublicKey(honest),
                stackKey.rs256(otherIssuer),
                stackKey.rs256(otherAudience),
                stackKey.rs256(notYetValid),
                withMembershipsEdited(issued, Map.of(UUID.randomUUID().toString(), "OWNER"))}) {
            as(stack, forged).get(protectedPath).then().statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        }
        as(stack, stackKey.rs256(honest)).get(protectedPath).then().statusCode(200);
    }

    /** A real token whose payload now claims other memberships, its signature left as it was. */
    private static String withMembershipsEdited(String token, Map<String, String> memberships) throws Exception {
        String[] parts = token.split("\\.");
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = new HashMap<>(JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class));
        claims.put(TokenClaims.MEMBERSHIPS, memberships);
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims));
        return parts[0] + "." + payload + "." + parts[2];
    }
}

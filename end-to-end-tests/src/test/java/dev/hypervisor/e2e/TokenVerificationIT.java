package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.given;
import static dev.hypervisor.e2e.Gateway.newOrganization;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cluster-service and scheduler-service verify access tokens against identity-service's published keys: they
 * accept what identity-service issued and refuse a tampered token, an expired one, and one signed by a key
 * identity-service does not publish.
 */
@ExtendWith(SharedStack.class)
class TokenVerificationIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/clusters", "/api/v1/deployments"})
    void onlyTokensIdentityServiceSignedAndStillValidAreAccepted(String protectedPath, StackUnderTest stack)
            throws Exception {
        JsonPath organization = newOrganization(stack, "verify-" + UUID.randomUUID().toString().substring(0, 8));
        String issued = organization.getString("accessToken");
        String userId = as(stack, issued).get("/api/v1/users/me").then().statusCode(200).extract().path("id");
        Map<String, String> memberships = Map.of(organization.getString("id"), "OWNER");
        Instant now = Instant.now();

        as(stack, issued).get(protectedPath).then().statusCode(200);
        as(stack, ForgedTokens.tampered(issued)).get(protectedPath).then().statusCode(401);
        as(stack, ForgedTokens.withStackKey(stack.home).user(userId, memberships, now.minusSeconds(1_200),
                now.minusSeconds(300))).get(protectedPath).then().statusCode(401);
        as(stack, ForgedTokens.withForeignKey().user(userId, memberships, now, now.plusSeconds(600)))
                .get(protectedPath).then().statusCode(401);
        given(stack).get(protectedPath).then().statusCode(401);
        // the same claims, signed with the stack's key and still valid, are accepted: the refusals above are
        // about signature and expiry, not about the shape of the tokens the test made
        as(stack, ForgedTokens.withStackKey(stack.home).user(userId, memberships, now, now.plusSeconds(600)))
                .get(protectedPath).then().statusCode(200);
    }
}

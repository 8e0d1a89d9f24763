package dev.hypervisor.identity;

import static dev.hypervisor.identity.IdentityClient.claims;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceAccountsTest {

    @Test
    void theSchedulerGetsATokenWithTheServiceRole() {
        String token = token("client_credentials", "scheduler", "scheduler-test-secret").statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .extract().path("access_token");

        assertThat(claims(token).getString("sub")).isEqualTo("scheduler");
        assertThat(claims(token).getList("groups", String.class)).containsExactly("service");
        assertThat(claims(token).getMap("memberships")).isEmpty();
    }

    @Test
    void theExecutorGetsTheAgentRole() {
        String token = token("client_credentials", "executor", "executor-test-secret").statusCode(200)
                .extract().path("access_token");

        assertThat(claims(token).getList("groups", String.class)).containsExactly("agent");
    }

    @Test
    void aWrongSecretOrAnUnknownClientIsRefusedAlike() {
        token("client_credentials", "scheduler", "guess").statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("INVALID_CLIENT"));
        token("client_credentials", "nobody", "scheduler-test-secret").statusCode(401)
                .body("code", equalTo("INVALID_CLIENT"));
        token("client_credentials", "scheduler", null).statusCode(401);
    }

    @Test
    void onlyTheClientCredentialsGrantIsOffered() {
        token("password", "scheduler", "scheduler-test-secret").statusCode(400)
                .body("code", equalTo("UNSUPPORTED_GRANT_TYPE"));
    }

    @Test
    void aServiceAccountIsNotAUser() {
        String token = token("client_credentials", "scheduler", "scheduler-test-secret").extract().path("access_token");

        given().auth().oauth2(token).get("/api/v1/users/me").then().statusCode(403);
    }

    private static ValidatableResponse token(String grant, String client, String secret) {
        var request = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", grant)
                .formParam("client_id", client);
        if (secret != null) {
            request.formParam("client_secret", secret);
        }
        return request.post("/api/v1/auth/token").then();
    }
}

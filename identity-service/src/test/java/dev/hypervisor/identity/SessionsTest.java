package dev.hypervisor.identity;

import static dev.hypervisor.identity.IdentityClient.claims;
import static dev.hypervisor.identity.IdentityClient.createOrganization;
import static dev.hypervisor.identity.IdentityClient.newUser;
import static dev.hypervisor.identity.IdentityClient.refresh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionsTest {

    @Test
    void aRefreshHandsOutANewPairAndUsesUpTheOldToken() {
        IdentityClient.User user = newUser("rotate");

        JsonPath renewed = refresh(user.refreshToken()).statusCode(200).extract().jsonPath();

        assertThat(renewed.getString("refreshToken")).isNotEqualTo(user.refreshToken());
        assertThat(claims(renewed.getString("accessToken")).getString("sub")).isEqualTo(user.id().toString());
        refresh(renewed.getString("refreshToken")).statusCode(200);
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeLogin() {
        IdentityClient.User user = newUser("reuse");
        String second = refresh(user.refreshToken()).statusCode(200).extract().path("refreshToken");

        refresh(user.refreshToken()).statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REFRESH_TOKEN"));

        refresh(second).statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
    }

    @Test
    void reuseRevokesOnlyThatLogin() {
        IdentityClient.User user = newUser("devices");
        String otherDevice = IdentityClient.login(user.username(), IdentityClient.PASSWORD).statusCode(200)
                .extract().path("refreshToken");
        refresh(user.refreshToken()).statusCode(200);

        refresh(user.refreshToken()).statusCode(401);

        refresh(otherDevice).statusCode(200);
    }

    @Test
    void logoutEndsTheSession() {
        IdentityClient.User user = newUser("logout");

        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", user.refreshToken())).post("/api/v1/auth/logout")
                .then().statusCode(204);

        refresh(user.refreshToken()).statusCode(401);
    }

    @Test
    void logoutCannotEndSomeoneElsesSession() {
        IdentityClient.User victim = newUser("victim");
        IdentityClient.User other = newUser("other");

        given().auth().oauth2(other.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", victim.refreshToken())).post("/api/v1/auth/logout")
                .then().statusCode(204);

        refresh(victim.refreshToken()).statusCode(200);
    }

    @Test
    void aRefreshedAccessTokenCarriesTheMembershipsAsTheyAreNow() {
        IdentityClient.User user = newUser("member");
        String organization = createOrganization(user, "Refreshers").getString("id");

        String token = refresh(user.refreshToken()).statusCode(200).extract().path("accessToken");

        assertThat(claims(token).getMap("memberships")).containsEntry(organization, "OWNER");
    }

    @Test
    void anUnknownRefreshTokenIsRefused() {
        refresh("not-a-token-we-issued").statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/auth/refresh").then().statusCode(422);
    }
}

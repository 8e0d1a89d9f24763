package dev.hypervisor.identity;

import static dev.hypervisor.identity.IdentityClient.PASSWORD;
import static dev.hypervisor.identity.IdentityClient.claims;
import static dev.hypervisor.identity.IdentityClient.header;
import static dev.hypervisor.identity.IdentityClient.login;
import static dev.hypervisor.identity.IdentityClient.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginAndTokensTest {

    @Test
    void logsInByUsernameOrByEmailInAnyCase() {
        IdentityClient.User user = newUser("linus");

        login(user.username().toUpperCase(), PASSWORD).statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue());
        login(user.username() + "@EXAMPLE.com", PASSWORD).statusCode(200);
    }

    @Test
    void anUnknownUserAndAWrongPasswordGetTheSameAnswer() {
        IdentityClient.User user = newUser("margaret");

        ExtractableResponse<Response> wrongPassword = login(user.username(), "not the password at all")
                .statusCode(401).contentType("application/problem+json").extract();
        ExtractableResponse<Response> unknownUser = login("nobody-" + user.username(), "not the password at all")
                .statusCode(401).contentType("application/problem+json").extract();

        assertThat(unknownUser.body().asString()).isEqualTo(wrongPassword.body().asString());
        assertThat(wrongPassword.jsonPath().getString("code")).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void anAccessTokenCarriesTheDocumentedClaims() {
        IdentityClient.User user = newUser("barbara");

        JsonPath claims = claims(user.accessToken());
        JsonPath header = header(user.accessToken());

        assertThat(header.getString("alg")).isEqualTo("RS256");
        assertThat(header.getString("kid")).isNotBlank();
        assertThat(claims.getString("iss")).isEqualTo("urn:hypervisor:identity");
        assertThat(claims.getString("aud")).isEqualTo("hypervisor");
        assertThat(claims.getString("sub")).isEqualTo(user.id().toString());
        assertThat(claims.getString("upn")).isEqualTo(user.username());
        assertThat(claims.getList("groups", String.class)).containsExactly("user");
        assertThat(claims.getString("jti")).isNotBlank();
        assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);
        assertThat(claims.getMap("memberships")).isEmpty();
    }

    @Test
    void theJwksEndpointPublishesTheKeyThatVerifiesTokens() throws Exception {
        IdentityClient.User user = newUser("whitfield");
        String kid = header(user.accessToken()).getString("kid");

        JsonPath jwks = given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", containsString("max-age=300")).extract().jsonPath();
        Map<String, String> key = jwks.getMap("keys.find { it.kid == '" + kid + "' }");

        assertThat(key).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig");
        assertThat(verifies(key, user.accessToken())).isTrue();
        String tampered = user.accessToken().substring(0, user.accessToken().length() - 4) + "AAAA";
        assertThat(verifies(key, tampered)).isFalse();
    }

    @Test
    void theTokenOpensTheCallersOwnAccount() {
        IdentityClient.User user = newUser("radia");

        given().auth().oauth2(user.accessToken()).get("/api/v1/users/me").then().statusCode(200)
                .body("id", equalTo(user.id().toString()))
                .body("username", equalTo(user.username()))
                .body("organizations.size()", equalTo(0));
        given().get("/api/v1/users/me").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(user.accessToken() + "x").get("/api/v1/users/me").then().statusCode(401);
    }

    @Test
    void thePlatformAdministratorIsCreatedAtFirstStartWithTheAdminRole() {
        String token = login("admin", "admin-test-password").statusCode(200).extract().path("accessToken");

        assertThat(claims(token).getList("groups", String.class)).containsExactlyInAnyOrder("user", "admin");
    }

    private static boolean verifies(Map<String, String> jwk, String jwt) throws Exception {
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n"))),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e")))));
        String[] parts = jwt.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    }
}

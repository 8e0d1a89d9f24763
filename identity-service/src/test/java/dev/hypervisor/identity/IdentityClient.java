package dev.hypervisor.identity;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Drives identity-service over HTTP the way a client does, for tests that need users, sessions and organizations. */
final class IdentityClient {

    static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** A signed-in user of the tests. */
    record User(UUID id, String username, String accessToken, String refreshToken) {
        User withToken(String token) {
            return new User(id, username, token, refreshToken);
        }
    }

    private IdentityClient() {
    }

    /** A username no other test uses. */
    static String uniqueName(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse register(String username, String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", email, "password", password))
                .post("/api/v1/auth/register").then();
    }

    static ValidatableResponse login(String login, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", login, "password", password))
                .post("/api/v1/auth/login").then();
    }

    static User newUser(String prefix) {
        String username = uniqueName(prefix);
        UUID id = UUID.fromString(register(username, username + "@example.com", PASSWORD).statusCode(201)
                .extract().path("id"));
        JsonPath tokens = login(username, PASSWORD).statusCode(200).extract().jsonPath();
        return new User(id, username, tokens.getString("accessToken"), tokens.getString("refreshToken"));
    }

    static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/v1/auth/refresh").then();
    }

    /** Creates an organization; the owner's returned user carries the token that names them owner. */
    static JsonPath createOrganization(User owner, String name) {
        return given().auth().oauth2(owner.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/api/v1/organizations").then().statusCode(201)
                .extract().jsonPath();
    }

    /** A new organization and its owner, whose token already names them owner. */
    record Organization(UUID id, User owner, JsonPath created) {
    }

    static Organization newOrganization(String name) {
        User founder = newUser("owner");
        JsonPath created = createOrganization(founder, name);
        return new Organization(UUID.fromString(created.getString("id")),
                founder.withToken(created.getString("accessToken")), created);
    }

    static ValidatableResponse createInvite(User admin, UUID organizationId, Map<String, Object> body) {
        return given().auth().oauth2(admin.accessToken()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/organizations/" + organizationId + "/invites").then();
    }

    static ValidatableResponse join(User user, String code) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("inviteCode", code)).post("/api/v1/organizations/join").then();
    }

    /** Makes {@code user} a member with {@code role} through a fresh one-use invite of {@code admin}'s. */
    static User joinWithRole(User admin, UUID organizationId, User user, String role) {
        String code = createInvite(admin, organizationId, Map.of("role", role)).statusCode(201)
                .extract().path("code");
        String token = join(user, code).statusCode(200).extract().path("accessToken");
        return user.withToken(token);
    }

    /** The claims of a JWT, read without verifying it: for asserting what identity-service put in. */
    static JsonPath claims(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static JsonPath header(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }
}

package dev.hypervisor.identity;

import static dev.hypervisor.identity.IdentityClient.PASSWORD;
import static dev.hypervisor.identity.IdentityClient.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The limits, with small numbers and short windows so that reaching them and recovering both fit in a test
 * (each refused request is followed by polling until the limit gives a token back).
 * Each test speaks from its own client addresses (through X-Forwarded-For, which the service trusts from the
 * local machine), so the tests do not spend each other's tokens.
 */
@QuarkusTest
@TestProfile(RateLimitsTest.StrictLimits.class)
class RateLimitsTest {

    public static class StrictLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "hv.rate-limit.enabled", "true",
                    "hv.rate-limit.per-address", "1000/1m",
                    "hv.rate-limit.per-user", "5/3s",
                    "hv.rate-limit.rules.register", "3/30s",
                    "hv.identity.failed-logins", "3/30s",
                    "hv.identity.failed-joins", "3/30s");
        }
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    /** Each limit here gives back a token at least every ten seconds; this leaves room for a slow machine. */
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(25);

    @Test
    void registrationsFromOneAddressAreLimitedAndRecover() {
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            register(address).statusCode(201);
        }

        register(address).statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", Integer::parseInt, allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(10)));
        register(newAddress()).statusCode(201);

        assertThat(eventually(() -> register(address).extract().statusCode())).isEqualTo(201);
    }

    @Test
    void repeatedFailedLoginsLockThatUsernameAtThatAddressForAWhile() {
        String username = registerUser();
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            login(address, username, "wrong password!").statusCode(401);
        }

        login(address, username, "wrong password!").statusCode(429).header("Retry-After", notNullValue());
        login(address, username, PASSWORD).statusCode(429);
        login(newAddress(), username, PASSWORD).statusCode(200);

        assertThat(eventually(() -> login(address, username, PASSWORD).extract().statusCode())).isEqualTo(200);
    }

    @Test
    void guessingInviteCodesIsRefusedAfterAFewTriesEvenWithTheRightCodeAndRecovers() {
        String owner = token(registerUser());
        String organization = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("name", uniqueName("guessed"))).post("/api/v1/organizations")
                .then().statusCode(201).extract().path("id");
        String code = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("role", "VIEWER", "maxUses", 5))
                .post("/api/v1/organizations/" + organization + "/invites").then().statusCode(201)
                .extract().path("code");
        String guesser = token(registerUser());
        for (int i = 0; i < 3; i++) {
            join(guesser, UUID.randomUUID().toString()).statusCode(404).body("code", equalTo("INVALID_INVITE"));
        }

        join(guesser, code).statusCode(429).body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
        join(token(registerUser()), code).statusCode(200).body("role", equalTo("VIEWER"));

        assertThat(eventually(() -> join(guesser, code).extract().statusCode())).isEqualTo(200);
    }

    @Test
    void eachCallerHasTheirOwnAllowance() {
        String first = token(registerUser());
        String second = token(registerUser());
        for (int i = 0; i < 5; i++) {
            me(first).statusCode(200);
        }

        me(first).statusCode(429).body("code", equalTo("RATE_LIMITED"));
        me(second).statusCode(200);
        assertThat(eventually(() -> me(first).extract().statusCode())).isEqualTo(200);
    }

    @Test
    void thePlatformsServiceAccountsAreNotLimited() {
        String scheduler = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", "scheduler")
                .formParam("client_secret", "scheduler-test-secret")
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");

        for (int i = 0; i < 12; i++) {
            given().auth().oauth2(scheduler).get("/.well-known/jwks.json").then().statusCode(200);
        }
    }

    @Test
    void healthAndDocumentationAreNotLimited() {
        for (int i = 0; i < 20; i++) {
            given().get("/q/health/live").then().statusCode(200);
        }
    }

    private static ValidatableResponse join(String token, String code) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("inviteCode", code))
                .post("/api/v1/organizations/join").then();
    }

    private static String newAddress() {
        return "198.51.100." + ADDRESSES.getAndIncrement();
    }

    private static ValidatableResponse register(String address) {
        String username = uniqueName("limited");
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com", "password", PASSWORD))
                .post("/api/v1/auth/register").then();
    }

    private static String registerUser() {
        String username = uniqueName("limited");
        given().header("X-Forwarded-For", newAddress()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com", "password", PASSWORD))
                .post("/api/v1/auth/register").then().statusCode(201);
        return username;
    }

    private static ValidatableResponse login(String address, String username, String password) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/login").then();
    }

    private static String token(String username) {
        return login(newAddress(), username, PASSWORD).statusCode(200).extract().path("accessToken");
    }

    private static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).get("/api/v1/users/me").then();
    }

    /** Retries until the call answers anything but 429, or the deadline passes; answers the last status. */
    private static int eventually(Supplier<Integer> call) {
        Instant deadline = Instant.now().plus(RECOVERY_DEADLINE);
        int status = call.get();
        while (status == 429 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = call.get();
        }
        return status;
    }
}

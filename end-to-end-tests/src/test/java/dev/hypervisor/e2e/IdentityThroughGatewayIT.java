package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.given;
import static dev.hypervisor.e2e.Gateway.login;
import static dev.hypervisor.e2e.Gateway.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every row of the Identity table of the API, through the gateway of a running stack. */
@ExtendWith(SharedStack.class)
class IdentityThroughGatewayIT {

    @Test
    void theIdentityApiWorksEndToEnd(StackUnderTest stack) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ada = "ada-" + suffix;
        String bob = "bob-" + suffix;

        // register and log in, by username and by email
        register(stack, ada).statusCode(201).body("username", equalTo(ada));
        register(stack, bob).statusCode(201);
        JsonPath adaSession = login(stack, ada).statusCode(200).body("tokenType", equalTo("Bearer")).extract().jsonPath();
        JsonPath bobSession = login(stack, bob + "@example.com").statusCode(200).extract().jsonPath();

        // the keys, and who am I
        given(stack).get("/.well-known/jwks.json").then().statusCode(200).body("keys[0].kty", equalTo("RSA"));
        as(stack, adaSession.getString("accessToken")).get("/api/v1/users/me").then().statusCode(200)
                .body("username", equalTo(ada));

        // an organization, its invite, and a second member
        JsonPath organization = as(stack, adaSession.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("name", "Gateway Lab " + suffix)).post("/api/v1/organizations").then().statusCode(201)
                .body("role", equalTo("OWNER")).extract().jsonPath();
        String owner = organization.getString("accessToken");
        String id = organization.getString("id");
        as(stack, owner).get("/api/v1/organizations").then().statusCode(200)
                .body("items.id", hasItem(id));
        as(stack, owner).get("/api/v1/organizations/" + id).then().statusCode(200)
                .body("inviteCode", equalTo(organization.getString("inviteCode")));
        String code = as(stack, owner).contentType(ContentType.JSON).body(Map.of("role", "VIEWER"))
                .post("/api/v1/organizations/" + id + "/invites").then().statusCode(201).extract().path("code");
        JsonPath joined = as(stack, bobSession.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("inviteCode", code)).post("/api/v1/organizations/join").then().statusCode(200)
                .body("role", equalTo("VIEWER")).extract().jsonPath();
        String bobId = as(stack, joined.getString("accessToken")).get("/api/v1/users/me").then().extract().path("id");
        as(stack, owner).get("/api/v1/organizations/" + id + "/members").then().statusCode(200)
                .body("items.username", contains(ada, bob));

        // roles, refresh, removal, revocation
        as(stack, owner).contentType(ContentType.JSON).body(Map.of("role", "DEVELOPER"))
                .patch("/api/v1/organizations/" + id + "/members/" + bobId).then().statusCode(200)
                .body("role", equalTo("DEVELOPER"));
        String refreshed = given(stack).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", bobSession.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(200).extract().path("accessToken");
        as(stack, refreshed).get("/api/v1/users/me").then().body("organizations[0].role", equalTo("DEVELOPER"));
        as(stack, owner).delete("/api/v1/organizations/" + id + "/members/" + bobId).then().statusCode(204);
        String spare = as(stack, owner).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/organizations/" + id + "/invites").then().statusCode(201).extract().path("code");
        as(stack, owner).delete("/api/v1/organizations/" + id + "/invites/" + spare).then().statusCode(204);

        // logout ends the session
        as(stack, adaSession.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", adaSession.getString("refreshToken")))
                .post("/api/v1/auth/logout").then().statusCode(204);
        given(stack).contentType(ContentType.JSON).body(Map.of("refreshToken", adaSession.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(401);

        // the service accounts and the administrator the stack provisioned
        String schedulerSecret = Files.readString(stack.home.resolve("data/secrets/scheduler-client-secret")).strip();
        given(stack).contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", "scheduler").formParam("client_secret", schedulerSecret)
                .post("/api/v1/auth/token").then().statusCode(200).body("access_token", notNullValue());
        String adminPassword = Files.readString(stack.home.resolve("data/secrets/admin-password")).strip();
        assertThat(stack.output()).contains("Platform administrator: admin / " + adminPassword);
        given(stack).contentType(ContentType.JSON).body(Map.of("username", "admin", "password", adminPassword))
                .post("/api/v1/auth/login").then().statusCode(200);
    }
}

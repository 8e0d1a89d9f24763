package dev.hypervisor.identity;

import static dev.hypervisor.identity.IdentityClient.claims;
import static dev.hypervisor.identity.IdentityClient.createOrganization;
import static dev.hypervisor.identity.IdentityClient.joinWithRole;
import static dev.hypervisor.identity.IdentityClient.newOrganization;
import static dev.hypervisor.identity.IdentityClient.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrganizationsTest {

    @Test
    void theCreatorIsOwnerAndGetsTheInviteCodeAndATokenThatSaysSo() {
        IdentityClient.User owner = newUser("founder");

        JsonPath created = createOrganization(owner, "  Vision Lab  ");

        assertThat(created.getString("name")).isEqualTo("Vision Lab");
        assertThat(created.getString("role")).isEqualTo("OWNER");
        assertThat(created.getString("inviteCode")).matches("([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(claims(created.getString("accessToken")).getMap("memberships"))
                .containsEntry(created.getString("id"), "OWNER");
    }

    @Test
    void aMemberSeesTheOrganizationAndOnlyAdminsSeeItsInviteCode() {
        IdentityClient.Organization shared = newOrganization("Shared");
        UUID id = shared.id();
        IdentityClient.User owned = shared.owner();
        JsonPath created = shared.created();
        IdentityClient.User developer = joinWithRole(owned, id, newUser("dev"), "DEVELOPER");

        given().auth().oauth2(owned.accessToken()).get("/api/v1/organizations/" + id).then().statusCode(200)
                .body("name", equalTo("Shared"))
                .body("memberCount", equalTo(2))
                .body("role", equalTo("OWNER"))
                .body("inviteCode", equalTo(created.getString("inviteCode")));
        given().auth().oauth2(developer.accessToken()).get("/api/v1/organizations/" + id).then().statusCode(200)
                .body("role", equalTo("DEVELOPER"))
                .body("$", not(hasKey("inviteCode")));
    }

    @Test
    void listsOnlyTheCallersOrganizationsPageByPage() {
        IdentityClient.User user = newUser("lister");
        createOrganization(user, "Alpha");
        createOrganization(user, "Bravo");
        createOrganization(user, "Charlie");
        createOrganization(newUser("stranger"), "Not Mine");

        JsonPath first = given().auth().oauth2(user.accessToken()).queryParam("limit", 2)
                .get("/api/v1/organizations").then().statusCode(200)
                .body("items.name", contains("Alpha", "Bravo"))
                .body("items.role", contains("OWNER", "OWNER"))
                .extract().jsonPath();
        given().auth().oauth2(user.accessToken()).queryParam("limit", 2)
                .queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/organizations").then().statusCode(200)
                .body("items.name", contains("Charlie"))
                .body("nextCursor", nullValue());
    }

    @Test
    void aListWithABadLimitOrCursorIsRefused() {
        IdentityClient.User user = newUser("pager");
        given().auth().oauth2(user.accessToken()).queryParam("limit", 501).get("/api/v1/organizations")
                .then().statusCode(422).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(user.accessToken()).queryParam("cursor", "!!not-ours!!").get("/api/v1/organizations")
                .then().statusCode(422).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(user.accessToken()).queryParam("limit", 0).get("/api/v1/organizations")
                .then().statusCode(422);
    }

    @Test
    void membersAreListedInTheOrderTheyJoined() {
        IdentityClient.Organization roster = newOrganization("Roster");
        UUID id = roster.id();
        IdentityClient.User owner = roster.owner();
        IdentityClient.User viewer = joinWithRole(owner, id, newUser("viewer"), "VIEWER");

        given().auth().oauth2(viewer.accessToken()).get("/api/v1/organizations/" + id + "/members").then()
                .statusCode(200)
                .body("items.username", contains(owner.username(), viewer.username()))
                .body("items.role", contains("OWNER", "VIEWER"))
                .body("items[0].joinedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }

    @Test
    void anOrganizationNameIsRequiredAndBounded() {
        IdentityClient.User user = newUser("namer");
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(Map.of("name", " "))
                .post("/api/v1/organizations").then().statusCode(422).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(Map.of("name", "x".repeat(101)))
                .post("/api/v1/organizations").then().statusCode(422);
    }
}

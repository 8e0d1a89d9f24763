package dev.hypervisor.identity;

import static dev.hypervisor.identity.IdentityClient.createInvite;
import static dev.hypervisor.identity.IdentityClient.join;
import static dev.hypervisor.identity.IdentityClient.joinWithRole;
import static dev.hypervisor.identity.IdentityClient.newOrganization;
import static dev.hypervisor.identity.IdentityClient.newUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MembershipsTest {

    private IdentityClient.User owner;
    private IdentityClient.User admin;
    private IdentityClient.User developer;
    private UUID organization;

    @BeforeEach
    void anOrganizationWithOneMemberOfEachRank() {
        IdentityClient.Organization ranks = newOrganization("Ranks");
        owner = ranks.owner();
        organization = ranks.id();
        admin = joinWithRole(owner, organization, newUser("admin"), "ADMIN");
        developer = joinWithRole(owner, organization, newUser("developer"), "DEVELOPER");
    }

    @Test
    void anAdminPromotesUpToTheirOwnRole() {
        changeRole(admin, developer, "ADMIN").statusCode(200)
                .body("userId", equalTo(developer.id().toString()))
                .body("role", equalTo("ADMIN"));
    }

    @Test
    void nobodyRaisesAnyoneAboveTheirOwnRole() {
        changeRole(admin, developer, "OWNER").statusCode(403).body("code", equalTo("FORBIDDEN"));
        changeRole(admin, admin, "OWNER").statusCode(403);
    }

    @Test
    void aMemberCannotRaiseThemselvesNorRejoinThroughAHigherInvite() {
        changeRole(developer, developer, "ADMIN").statusCode(403).body("code", equalTo("FORBIDDEN"));
        String adminInvite = createInvite(owner, organization, Map.of("role", "ADMIN")).statusCode(201)
                .extract().path("code");

        join(developer, adminInvite).statusCode(409).body("code", equalTo("ALREADY_MEMBER"));

        given().auth().oauth2(owner.accessToken()).get("/api/v1/organizations/" + organization + "/members")
                .then().statusCode(200)
                .body("items.find { it.userId == '" + developer.id() + "' }.role", equalTo("DEVELOPER"));
        join(newUser("newcomer"), adminInvite).statusCode(200).body("role", equalTo("ADMIN"));
    }

    @Test
    void anAdminCannotTouchAnOwner() {
        changeRole(admin, owner, "VIEWER").statusCode(403);
        remove(admin, owner).statusCode(403);
    }

    @Test
    void aDeveloperCannotChangeRolesOrRemoveOthers() {
        changeRole(developer, admin, "VIEWER").statusCode(403);
        remove(developer, admin).statusCode(403);
    }

    @Test
    void theLastOwnerCannotBeDemotedOrLeave() {
        changeRole(owner, owner, "ADMIN").statusCode(409).body("code", equalTo("LAST_OWNER"));
        remove(owner, owner).statusCode(409).body("code", equalTo("LAST_OWNER"));
    }

    @Test
    void withASecondOwnerTheFirstMayStepDown() {
        changeRole(owner, admin, "OWNER").statusCode(200);

        changeRole(owner, owner, "ADMIN").statusCode(200).body("role", equalTo("ADMIN"));
        changeRole(owner, admin, "ADMIN").statusCode(403); // now an ADMIN, the former owner cannot demote an OWNER
    }

    @Test
    void anAdminRemovesAMemberAndAnyoneMayLeave() {
        remove(admin, developer).statusCode(204);
        given().auth().oauth2(developer.accessToken()).get("/api/v1/organizations/" + organization)
                .then().statusCode(404);

        remove(admin, admin).statusCode(204);
        given().auth().oauth2(owner.accessToken()).get("/api/v1/organizations/" + organization)
                .then().statusCode(200).body("memberCount", equalTo(1));
    }

    @Test
    void changingSomeoneWhoIsNotAMemberIs404() {
        IdentityClient.User outsider = newUser("outsider");
        changeRole(owner, outsider, "VIEWER").statusCode(404);
        remove(owner, outsider).statusCode(404);
    }

    @Test
    void aRoleMustBeOneOfTheFour() {
        changeRole(owner, developer, "SUPERUSER").statusCode(422).body("errors[0].field", equalTo("role"));
        given().auth().oauth2(owner.accessToken()).contentType(ContentType.JSON).body("{}")
                .patch("/api/v1/organizations/" + organization + "/members/" + developer.id())
                .then().statusCode(422).body("errors[0].field", equalTo("role"));
    }

    private ValidatableResponse changeRole(IdentityClient.User caller, IdentityClient.User member, String role) {
        return given().auth().oauth2(caller.accessToken()).contentType(ContentType.JSON).body(Map.of("role", role))
                .patch("/api/v1/organizations/" + organization + "/members/" + member.id()).then();
    }

    private ValidatableResponse remove(IdentityClient.User caller, IdentityClient.User member) {
        return given().auth().oauth2(caller.accessToken())
                .delete("/api/v1/organizations/" + organization + "/members/" + member.id()).then();
    }
}

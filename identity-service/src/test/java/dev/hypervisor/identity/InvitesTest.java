package dev.hypervisor.identity;

import static dev.hypervisor.identity.IdentityClient.claims;
import static dev.hypervisor.identity.IdentityClient.createInvite;
import static dev.hypervisor.identity.IdentityClient.join;
import static dev.hypervisor.identity.IdentityClient.joinWithRole;
import static dev.hypervisor.identity.IdentityClient.newOrganization;
import static dev.hypervisor.identity.IdentityClient.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.identity.domain.SecretCodes;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.testing.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InvitesTest {

    @Inject
    Sql sql;

    private IdentityClient.User owner;
    private UUID organization;

    @BeforeEach
    void anOrganizationWithAnOwner() {
        IdentityClient.Organization invited = newOrganization("Invited");
        owner = invited.owner();
        organization = invited.id();
    }

    @Test
    void joiningGivesTheRoleOfTheInviteAndATokenThatCarriesIt() {
        JsonPath invite = createInvite(owner, organization, Map.of("role", "VIEWER", "maxUses", 5,
                "expiresInHours", 2)).statusCode(201)
                .body("role", equalTo("VIEWER"))
                .body("maxUses", equalTo(5))
                .extract().jsonPath();
        assertThat(Instant.parse(invite.getString("expiresAt")))
                .isBetween(Instant.now().plus(Duration.ofMinutes(119)), Instant.now().plus(Duration.ofMinutes(121)));

        JsonPath joined = join(newUser("joiner"), invite.getString("code")).statusCode(200)
                .body("organization.id", equalTo(organization.toString()))
                .body("organization.name", equalTo("Invited"))
                .body("role", equalTo("VIEWER"))
                .extract().jsonPath();

        assertThat(claims(joined.getString("accessToken")).getMap("memberships"))
                .containsEntry(organization.toString(), "VIEWER");
    }

    @Test
    void aJoinRequestCannotChooseItsRole() {
        String code = createInvite(owner, organization, Map.of()).statusCode(201)
                .body("role", equalTo("DEVELOPER")).body("maxUses", equalTo(1)).extract().path("code");
        IdentityClient.User user = newUser("greedy");

        given().auth().oauth2(user.accessToken()).contentType("application/json")
                .body(Map.of("inviteCode", code, "role", "OWNER")).post("/api/v1/organizations/join")
                .then().statusCode(200).body("role", equalTo("DEVELOPER"));
    }

    @Test
    void codesAreLongRandomAndStoredOnlyAsHashes() {
        String first = createInvite(owner, organization, Map.of()).statusCode(201).extract().path("code");
        String second = createInvite(owner, organization, Map.of()).statusCode(201).extract().path("code");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.replace("-", "")).hasSize(32); // 32 base32 characters: 160 bits
        List<String> stored = sql.list("SELECT encode(code_hash, 'hex') AS hash, coalesce(encode(sealed_code, 'escape'),"
                        + " '') AS sealed FROM invites WHERE organization_id = ?",
                row -> row.string("hash") + row.string("sealed"), organization);
        assertThat(stored).hasSize(3).noneMatch(text -> text.contains(first) || text.contains(second));
    }

    @Test
    void aCodeIsForgivingAboutHowItIsTyped() {
        String code = createInvite(owner, organization, Map.of()).statusCode(201).extract().path("code");

        join(newUser("typist"), " " + code.toLowerCase().replace("-", "") + " ").statusCode(200);
    }

    @Test
    void anExpiredRevokedOrUsedUpCodeIsInvalid() {
        String expired = createInvite(owner, organization, Map.of("maxUses", 10)).statusCode(201).extract().path("code");
        sql.update("UPDATE invites SET expires_at = now() - interval '1 second' WHERE code_hash = ?",
                (Object) SecretCodes.inviteHash(expired));
        String revoked = createInvite(owner, organization, Map.of("maxUses", 10)).statusCode(201).extract().path("code");
        given().auth().oauth2(owner.accessToken()).delete("/api/v1/organizations/" + organization + "/invites/" + revoked)
                .then().statusCode(204);
        String single = createInvite(owner, organization, Map.of("maxUses", 1)).statusCode(201).extract().path("code");
        join(newUser("first"), single).statusCode(200);

        for (String code : List.of(expired, revoked, single, "0000-0000-0000-0000-0000-0000-0000-0000")) {
            join(newUser("late"), code).statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("INVALID_INVITE"));
        }
    }

    @Test
    void joiningTwiceIsAConflictThatDoesNotUseUpTheInvite() {
        String code = createInvite(owner, organization, Map.of("maxUses", 2)).statusCode(201).extract().path("code");
        IdentityClient.User member = newUser("twice");
        join(member, code).statusCode(200);

        join(member, code).statusCode(409).body("code", equalTo("ALREADY_MEMBER"));

        join(newUser("second"), code).statusCode(200);
    }

    @Test
    void nobodyInvitesToARoleAboveTheirOwn() {
        IdentityClient.User admin = joinWithRole(owner, organization, newUser("admin"), "ADMIN");
        IdentityClient.User developer = joinWithRole(owner, organization, newUser("dev"), "DEVELOPER");

        createInvite(admin, organization, Map.of("role", "OWNER")).statusCode(403).body("code", equalTo("FORBIDDEN"));
        createInvite(admin, organization, Map.of("role", "ADMIN")).statusCode(201);
        createInvite(developer, organization, Map.of("role", "VIEWER")).statusCode(403);
        createInvite(owner, organization, Map.of("role", "OWNER")).statusCode(201);
    }

    @Test
    void inviteSettingsOutsideTheirRangesAreRefused() {
        createInvite(owner, organization, Map.of("maxUses", 0)).statusCode(422).body("errors[0].field", equalTo("maxUses"));
        createInvite(owner, organization, Map.of("maxUses", 1001)).statusCode(422);
        createInvite(owner, organization, Map.of("expiresInHours", 721)).statusCode(422)
                .body("errors[0].field", equalTo("expiresInHours"));
        createInvite(owner, organization, Map.of("role", "EMPEROR")).statusCode(422).body("errors[0].field", equalTo("role"));
    }

    @Test
    void ofManyUsersRacingForAOneUseCodeExactlyOneJoins() throws Exception {
        String code = createInvite(owner, organization, Map.of("maxUses", 1)).statusCode(201).extract().path("code");
        List<IdentityClient.User> racers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            racers.add(newUser("racer"));
        }
        List<Integer> statuses = Race.statuses(racers.size(),
                i -> () -> join(racers.get(i), code).extract().statusCode());

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 404).hasSize(racers.size() - 1);
        int members = sql.one("SELECT count(*) AS n FROM memberships WHERE organization_id = ?", row -> row.integer("n"),
                organization).orElseThrow();
        assertThat(members).isEqualTo(2);
    }
}

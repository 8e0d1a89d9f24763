package dev.hypervisor.identity;

import static dev.hypervisor.identity.IdentityClient.createOrganization;
import static dev.hypervisor.identity.IdentityClient.newUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Another organization's things do not exist for you: every path with its id answers 404, never 403. */
@QuarkusTest
class TenantIsolationTest {

    /** Each organization path, called with the organization's id, an invite code and a member id. */
    enum Probe {
        GET((spec, org) -> spec.get("/api/v1/organizations/" + org.id)),
        MEMBERS((spec, org) -> spec.get("/api/v1/organizations/" + org.id + "/members")),
        CREATE_INVITE((spec, org) -> spec.contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/organizations/" + org.id + "/invites")),
        REVOKE_INVITE((spec, org) -> spec.delete("/api/v1/organizations/" + org.id + "/invites/" + org.code)),
        CHANGE_ROLE((spec, org) -> spec.contentType(ContentType.JSON).body(Map.of("role", "VIEWER"))
                .patch("/api/v1/organizations/" + org.id + "/members/" + org.member)),
        REMOVE_MEMBER((spec, org) -> spec.delete("/api/v1/organizations/" + org.id + "/members/" + org.member)),
        UNKNOWN_ORGANIZATION((spec, org) -> spec.get("/api/v1/organizations/" + UUID.randomUUID()));

        private final Call call;

        Probe(Call call) {
            this.call = call;
        }
    }

    @FunctionalInterface
    interface Call {
        Response apply(RequestSpecification spec, Target organization);
    }

    record Target(String id, String code, String member) {
    }

    private Target target;

    @BeforeEach
    void someoneElsesOrganization() {
        IdentityClient.User founder = newUser("tenant");
        JsonPath created = createOrganization(founder, "Private");
        target = new Target(created.getString("id"), created.getString("inviteCode"), founder.id().toString());
    }

    @ParameterizedTest
    @EnumSource(Probe.class)
    void anOutsiderGets404(Probe probe) {
        IdentityClient.User outsider = newUser("outsider");

        probe.call.apply(given().auth().oauth2(outsider.accessToken()), target).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }
}

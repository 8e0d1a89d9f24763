package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.login;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.newUser;
import static dev.hypervisor.e2e.Gateway.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Access tokens name the caller's memberships and live 15 minutes. A member who is removed, or whose role is
 * lowered, must not keep what the old token says for that long: within seconds, cluster-service and the scheduler
 * stop taking the token's word for the membership. A new token says what is true now.
 */
@ExtendWith(SharedStack.class)
class RevokedMembershipIT {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @Test
    void aRemovedOrDemotedMembersOldTokenStopsSpeakingForTheMembership(StackUnderTest stack) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, "revoker-" + suffix);
        String owner = organization.getString("accessToken");
        String organizationId = organization.getString("id");
        String cluster = newCluster(stack, owner, organizationId, "kept", Map.of("cpu", "4", "memory", "16Gi"));
        String leaver = "leaver-" + suffix;
        String removedToken = joinAs(stack, owner, organizationId, newUser(stack, leaver), "DEVELOPER");
        String demoted = "demoted-" + suffix;
        String demotedToken = joinAs(stack, owner, organizationId, newUser(stack, demoted), "ADMIN");
        as(stack, removedToken).get("/api/v1/clusters/" + cluster).then().statusCode(200);
        as(stack, removedToken).get("/api/v1/deployments?clusterId=" + cluster).then().statusCode(200);
        as(stack, demotedToken).get("/api/v1/clusters/" + cluster).then().statusCode(200);

        as(stack, owner).delete("/api/v1/organizations/" + organizationId + "/members/" + userId(stack, removedToken))
                .then().statusCode(204);
        as(stack, owner).contentType(ContentType.JSON).body(Map.of("role", "VIEWER"))
                .patch("/api/v1/organizations/" + organizationId + "/members/" + userId(stack, demotedToken))
                .then().statusCode(200);

        assertThat(statusWithin(() -> as(stack, removedToken).get("/api/v1/clusters/" + cluster).statusCode()))
                .as("cluster-service, to the removed member's old token").isEqualTo(404);
        assertThat(statusWithin(() -> as(stack, removedToken).get("/api/v1/deployments?clusterId=" + cluster)
                .statusCode())).as("the scheduler, to the removed member's old token").isEqualTo(404);
        assertThat(statusWithin(() -> as(stack, demotedToken).get("/api/v1/clusters/" + cluster).statusCode()))
                .as("cluster-service, to the demoted member's old token").isEqualTo(404);
        as(stack, demotedToken).contentType(ContentType.JSON).body(Map.of("name", "renamed by a former admin"))
                .patch("/api/v1/clusters/" + cluster).then().statusCode(404);
        as(stack, owner).get("/api/v1/clusters/" + cluster).then().statusCode(200).body("name", equalTo("kept"));

        // a new token says what is true now
        String viewerToken = login(stack, demoted).statusCode(200).extract().path("accessToken");
        as(stack, viewerToken).get("/api/v1/clusters/" + cluster).then().statusCode(200);
        as(stack, viewerToken).contentType(ContentType.JSON).body(Map.of("name", "renamed by a viewer"))
                .patch("/api/v1/clusters/" + cluster).then().statusCode(403);
        String formerToken = login(stack, leaver).statusCode(200).extract().path("accessToken");
        as(stack, formerToken).get("/api/v1/clusters/" + cluster).then().statusCode(404);
    }

    /** The user joins through an invite of that role; answers the token joining gave (naming the membership). */
    private static String joinAs(StackUnderTest stack, String owner, String organizationId, String userToken,
                                 String role) {
        String code = as(stack, owner).contentType(ContentType.JSON).body(Map.of("role", role))
                .post("/api/v1/organizations/" + organizationId + "/invites").then().statusCode(201).extract()
                .path("code");
        return as(stack, userToken).contentType(ContentType.JSON).body(Map.of("inviteCode", code))
                .post("/api/v1/organizations/join").then().statusCode(200).extract().path("accessToken");
    }

    private static String userId(StackUnderTest stack, String token) {
        return as(stack, token).get("/api/v1/users/me").then().statusCode(200).extract().path("id");
    }

    /** The status the request answers once it answers 404, or when the time the revocation may take is up. */
    private static int statusWithin(Supplier<Integer> ask) throws InterruptedException {
        return pollUntil(ask, status -> status == 404, WITHIN);
    }
}

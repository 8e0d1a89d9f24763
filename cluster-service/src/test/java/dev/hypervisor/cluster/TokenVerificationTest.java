package dev.hypervisor.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** cluster-service accepts only tokens the identity service's published keys verify, unexpired and unaltered. */
@QuarkusTest
class TokenVerificationTest {

    private final UUID user = UUID.randomUUID();
    private final Map<UUID, OrgRole> memberships = Map.of(UUID.randomUUID(), OrgRole.OWNER);

    @Test
    void aValidTokenIsAccepted() {
        given().auth().oauth2(TestTokens.current().user(user, memberships)).get("/api/v1/clusters").then()
                .statusCode(200);
    }

    @Test
    void aMissingTamperedExpiredOrForeignTokenIsA401() {
        String valid = TestTokens.current().user(user, memberships);
        for (String token : new String[] {
                TestTokens.tampered(valid),
                TestTokens.current().expiredUser(user, memberships),
                TestTokens.foreign().user(user, memberships),
                "not-a-jwt"}) {
            given().auth().oauth2(token).get("/api/v1/clusters").then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", equalTo("UNAUTHORIZED"));
        }
        given().get("/api/v1/clusters").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }
}

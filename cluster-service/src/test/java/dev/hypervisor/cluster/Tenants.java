package dev.hypervisor.cluster;

import static io.restassured.RestAssured.given;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** An organization with one member of each role, and the scheduler's service account, as tokens for tests. */
final class Tenants {

    final UUID organization = UUID.randomUUID();
    final String owner;
    final String admin;
    final String developer;
    final String viewer;
    final String outsider;
    final String scheduler;

    Tenants() {
        TestTokens tokens = TestTokens.current();
        owner = tokens.user(UUID.randomUUID(), Map.of(organization, OrgRole.OWNER));
        admin = tokens.user(UUID.randomUUID(), Map.of(organization, OrgRole.ADMIN));
        developer = tokens.user(UUID.randomUUID(), Map.of(organization, OrgRole.DEVELOPER));
        viewer = tokens.user(UUID.randomUUID(), Map.of(organization, OrgRole.VIEWER));
        outsider = tokens.user(UUID.randomUUID(), Map.of(UUID.randomUUID(), OrgRole.OWNER));
        scheduler = tokens.service("scheduler", "service");
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Creates a cluster as the owner and answers its id. */
    UUID cluster(String cpu, String memory, int gpu) {
        return UUID.fromString(createCluster(owner, "cluster-" + UUID.randomUUID(), cpu, memory, gpu)
                .statusCode(201).extract().path("id"));
    }

    ValidatableResponse createCluster(String token, String name, String cpu, String memory, int gpu) {
        return as(token).body(Map.of("name", name, "organizationId", organization.toString(),
                        "capacity", Map.of("cpu", cpu, "memory", memory, "gpu", gpu)))
                .post("/api/v1/clusters").then();
    }

    ValidatableResponse claim(UUID cluster, UUID consumer, String cpu, String memory, int gpu) {
        return as(scheduler).body(Map.of("resources", Map.of("cpu", cpu, "memory", memory, "gpu", gpu),
                        "consumerType", "DEPLOYMENT"))
                .put("/api/v1/clusters/" + cluster + "/allocations/" + consumer).then();
    }

    ValidatableResponse release(UUID cluster, UUID consumer) {
        return as(scheduler).delete("/api/v1/clusters/" + cluster + "/allocations/" + consumer).then();
    }

    ValidatableResponse get(UUID cluster) {
        return as(viewer).get("/api/v1/clusters/" + cluster).then();
    }
}

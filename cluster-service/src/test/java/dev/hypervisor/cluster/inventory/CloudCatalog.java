package dev.hypervisor.cluster.inventory;

import static io.restassured.RestAssured.given;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/**
 * A platform administrator building the catalog through the API, and an organization using it (an owner, a
 * developer and a viewer), with an outsider from another organization: the inventory's tests' cast.
 */
final class CloudCatalog {

    final String admin = TestTokens.current().platformAdmin(UUID.randomUUID());
    final UUID organization = UUID.randomUUID();
    final String owner = TestTokens.current().user(UUID.randomUUID(), Map.of(organization, OrgRole.OWNER));
    final String developer = TestTokens.current().user(UUID.randomUUID(), Map.of(organization, OrgRole.DEVELOPER));
    final String viewer = TestTokens.current().user(UUID.randomUUID(), Map.of(organization, OrgRole.VIEWER));
    final String outsider = TestTokens.current().user(UUID.randomUUID(), Map.of(UUID.randomUUID(), OrgRole.OWNER));

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String provider() {
        return as(admin).body(Map.of("name", unique("provider"))).post("/api/v1/cloud/providers").then()
                .statusCode(201).extract().path("id");
    }

    String dataCenter() {
        return as(admin).body(Map.of("name", unique("dc"), "location", "Frankfurt", "providerId", provider()))
                .post("/api/v1/cloud/data-centers").then().statusCode(201).extract().path("id");
    }

    ValidatableResponse createPool(String dataCenter, Object capacity) {
        return as(admin).body(Map.of("name", unique("pool"), "dataCenterId", dataCenter, "capacity", capacity))
                .post("/api/v1/cloud/pools").then();
    }

    String pool(String cpu, String memory, String disk) {
        return createPool(dataCenter(), Map.of("cpu", cpu, "memory", memory, "disk", disk)).statusCode(201)
                .extract().path("id");
    }

    String operatingSystem() {
        return as(admin).body(Map.of("name", unique("linux"))).post("/api/v1/cloud/operating-systems").then()
                .statusCode(201).extract().path("id");
    }
}

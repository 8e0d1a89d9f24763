package dev.hypervisor.cluster.inventory;

import static dev.hypervisor.cluster.inventory.CloudCatalog.as;
import static dev.hypervisor.cluster.inventory.CloudCatalog.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.testing.Race;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Providers, data centers, pools, storage devices, operating systems and units, through the API. */
@QuarkusTest
class CloudCatalogApiTest {

    private final CloudCatalog catalog = new CloudCatalog();
    private final String member = TestTokens.current().user(UUID.randomUUID(), Map.of(UUID.randomUUID(), OrgRole.OWNER));

    @Test
    void onlyPlatformAdministratorsChangeTheCatalogAndEveryoneReadsIt() {
        String name = unique("provider");
        String id = as(catalog.admin).body(Map.of("name", name)).post("/api/v1/cloud/providers").then()
                .statusCode(201).header("ETag", "\"1\"").body("name", equalTo(name)).extract().path("id");
        as(member).body(Map.of("name", unique("mine"))).post("/api/v1/cloud/providers").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        as(member).get("/api/v1/cloud/providers?limit=500").then().statusCode(200).body("items.id", hasItem(id));
        as(member).body(Map.of("name", "renamed")).patch("/api/v1/cloud/providers/" + id).then().statusCode(403);
        as(member).delete("/api/v1/cloud/providers/" + id).then().statusCode(403);
        as(catalog.admin).body(Map.of("name", name.toUpperCase())).post("/api/v1/cloud/providers").then()
                .statusCode(409);
        as(member).get("/api/v1/cloud/units").then().statusCode(200)
                .body("items.find { it.name == 'GiB' }.factor", equalTo(1073741824))
                .body("items.find { it.name == 'GB' }.factor", equalTo(1000000000));
    }

    @Test
    void poolsAndStorageDevicesAnswerExactSizesInCanonicalForm() {
        String dataCenter = catalog.dataCenter();
        String pool = catalog.createPool(dataCenter, Map.of("cpu", "64", "memory", "256 GiB", "disk", "10 TB"))
                .statusCode(201).header("ETag", "\"1\"")
                .body("dataCenterId", equalTo(dataCenter))
                .body("capacity.cpu", equalTo("64")).body("capacity.cpuMillis", equalTo(64000))
                .body("capacity.memory", equalTo("256Gi")).body("capacity.memoryBytes", equalTo(274877906944L))
                .body("capacity.disk", equalTo("10T")).body("capacity.diskBytes", equalTo(10_000_000_000_000L))
                .body("allocated.cpuMillis", equalTo(0)).body("available.memory", equalTo("256Gi"))
                .extract().path("id");
        String device = as(catalog.admin).body(Map.of("name", unique("ssd"), "poolId", pool, "capacity", "2TiB"))
                .post("/api/v1/cloud/storage-devices").then().statusCode(201)
                .body("capacity", equalTo("2Ti")).body("capacityBytes", equalTo(2199023255552L))
                .body("available", equalTo("2Ti")).extract().path("id");
        as(member).get("/api/v1/cloud/pools?dataCenterId=" + dataCenter).then().statusCode(200)
                .body("items.id", equalTo(List.of(pool)));
        as(member).get("/api/v1/cloud/storage-devices?poolId=" + pool).then().statusCode(200)
                .body("items.id", equalTo(List.of(device)));
        as(member).get("/api/v1/cloud/data-centers/" + dataCenter).then().statusCode(200)
                .body("location", equalTo("Frankfurt"));
    }

    @Test
    void aParentMustExistAndQuantitiesMustBeQuantities() {
        as(catalog.admin).body(Map.of("name", "dc", "location", "x", "providerId", UUID.randomUUID().toString()))
                .post("/api/v1/cloud/data-centers").then().statusCode(422)
                .body("errors.field", hasItem("providerId"));
        String dataCenter = catalog.dataCenter();
        catalog.createPool(dataCenter, Map.of("cpu", "64", "memory", "lots", "disk", "1Ti")).statusCode(422)
                .body("errors.field", hasItem("capacity.memory"));
        catalog.createPool(dataCenter, Map.of("cpu", "-1", "memory", "1Gi", "disk", "1Ti")).statusCode(422)
                .body("errors.field", hasItem("capacity.cpu"));
        catalog.createPool(dataCenter, Map.of("cpu", "4", "memory", "1 XB", "disk", "1Ti")).statusCode(422)
                .body("errors.field", hasItem("capacity.memory"));
        catalog.createPool(dataCenter, Map.of("cpu", "4", "memory", "1Gi")).statusCode(422)
                .body("errors.field", hasItem("capacity.disk"));
        catalog.createPool(dataCenter, "64 cores").statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        as(member).get("/api/v1/cloud/pools?dataCenterId=" + dataCenter).then().body("items", equalTo(List.of()));
    }

    @Test
    void nothingIsDeletedWhileSomethingDependsOnIt() {
        String provider = catalog.provider();
        String dataCenter = as(catalog.admin).body(Map.of("name", "dc", "location", "Oslo", "providerId", provider))
                .post("/api/v1/cloud/data-centers").then().statusCode(201).extract().path("id");
        String pool = catalog.createPool(dataCenter, Map.of("cpu", "8", "memory", "8Gi", "disk", "1Ti"))
                .statusCode(201).extract().path("id");
        String device = as(catalog.admin).body(Map.of("name", "hdd", "poolId", pool, "capacity", "500Gi"))
                .post("/api/v1/cloud/storage-devices").then().statusCode(201).extract().path("id");

        as(catalog.admin).delete("/api/v1/cloud/providers/" + provider).then().statusCode(409);
        as(catalog.admin).delete("/api/v1/cloud/data-centers/" + dataCenter).then().statusCode(409);
        as(catalog.admin).delete("/api/v1/cloud/pools/" + pool).then().statusCode(409);

        as(catalog.admin).delete("/api/v1/cloud/storage-devices/" + device).then().statusCode(204);
        as(catalog.admin).delete("/api/v1/cloud/pools/" + pool).then().statusCode(204);
        as(catalog.admin).delete("/api/v1/cloud/data-centers/" + dataCenter).then().statusCode(204);
        as(catalog.admin).delete("/api/v1/cloud/providers/" + provider).then().statusCode(204);
        as(member).get("/api/v1/cloud/pools/" + pool).then().statusCode(404);
        as(member).get("/api/v1/cloud/providers/" + provider).then().statusCode(404);
    }

    @Test
    void aPoolResizeNeedsItsETagAndNeverGoesBelowWhatIsClaimed() {
        String pool = catalog.pool("8", "16Gi", "1Ti");
        UUID organization = UUID.randomUUID();
        String developer = TestTokens.current().user(UUID.randomUUID(), Map.of(organization, OrgRole.DEVELOPER));
        as(developer).body(Map.of("name", "vm", "organizationId", organization.toString(), "poolId", pool,
                        "instanceType", "m5.large", "cpu", "6", "memory", "4Gi", "customOs", "Plan 9"))
                .post("/api/v1/cloud/vms").then().statusCode(201);
        Map<String, Object> smaller = Map.of("capacity", Map.of("cpu", "4", "memory", "16Gi", "disk", "1Ti"));

        as(catalog.admin).body(smaller).patch("/api/v1/cloud/pools/" + pool).then().statusCode(428);
        as(catalog.admin).header("If-Match", "\"7\"").body(smaller).patch("/api/v1/cloud/pools/" + pool).then()
                .statusCode(412);
        as(catalog.admin).header("If-Match", "\"1\"").body(smaller).patch("/api/v1/cloud/pools/" + pool).then()
                .statusCode(409).body("errors.field", equalTo(List.of("capacity.cpu")));
        as(catalog.admin).header("If-Match", "\"1\"")
                .body(Map.of("capacity", Map.of("cpu", "12", "memory", "16Gi", "disk", "1Ti")))
                .patch("/api/v1/cloud/pools/" + pool).then().statusCode(200).header("ETag", "\"2\"")
                .body("capacity.cpu", equalTo("12")).body("allocated.cpu", equalTo("6"))
                .body("available.cpu", equalTo("6"));
        as(member).get("/api/v1/cloud/pools/" + pool).then().body("capacity.cpu", not(equalTo("8")));
    }

    @Test
    void ofManyRequestsRacingToAddOneNameExactlyOneAddsItAndTheRestAreConflicts() throws Exception {
        String name = unique("contested");
        List<Integer> statuses = Race.statuses(8, i -> () -> as(catalog.admin)
                .body(Map.of("name", i % 2 == 0 ? name : name.toUpperCase())).post("/api/v1/cloud/operating-systems")
                .then().extract().statusCode());

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(7);
        as(member).get("/api/v1/cloud/operating-systems?limit=500").then().statusCode(200)
                .body("items.findAll { it.name.equalsIgnoreCase('" + name + "') }.size()", equalTo(1));
    }
}

package dev.hypervisor.cluster.inventory;

import static dev.hypervisor.cluster.inventory.CloudCatalog.as;
import static dev.hypervisor.cluster.inventory.CloudCatalog.unique;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The PATCH of each collection not covered elsewhere: what changes, the new ETag, and stale ETags refused. */
@QuarkusTest
class InventoryUpdatesApiTest {

    private final CloudCatalog catalog = new CloudCatalog();
    private final UUID organization = catalog.organization;
    private final String developer = catalog.developer;

    @Test
    void catalogItemsAreRenamedAndResizedByTheirETag() {
        String os = catalog.operatingSystem();
        String name = unique("Debian");
        as(catalog.admin).header("If-Match", "\"1\"").body(Map.of("name", name))
                .patch("/api/v1/cloud/operating-systems/" + os).then().statusCode(200).header("ETag", "\"2\"")
                .body("name", equalTo(name));
        as(catalog.admin).header("If-Match", "\"1\"").body(Map.of("name", "again"))
                .patch("/api/v1/cloud/operating-systems/" + os).then().statusCode(412);

        String dataCenter = catalog.dataCenter();
        as(catalog.admin).body(Map.of("location", "Oslo")).patch("/api/v1/cloud/data-centers/" + dataCenter).then()
                .statusCode(200).body("location", equalTo("Oslo"));

        String pool = catalog.createPool(dataCenter, Map.of("cpu", "8", "memory", "16Gi", "disk", "1Ti"))
                .statusCode(201).extract().path("id");
        String device = as(catalog.admin).body(Map.of("name", unique("ssd"), "poolId", pool, "capacity", "1Ti"))
                .post("/api/v1/cloud/storage-devices").then().statusCode(201).extract().path("id");
        as(catalog.admin).header("If-Match", "\"1\"").body(Map.of("capacity", "2 TiB"))
                .patch("/api/v1/cloud/storage-devices/" + device).then().statusCode(200)
                .body("capacity", equalTo("2Ti")).header("ETag", "\"2\"");
        as(catalog.admin).body(Map.of("name", "renamed")).patch("/api/v1/cloud/pools/" + pool).then()
                .statusCode(200).body("name", equalTo("renamed")).body("capacity.cpu", equalTo("8"));
    }

    @Test
    void subnetsMoveVlansAddressesMoveVmsAndSystemsAreRenamed() {
        String dataCenter = catalog.dataCenter();
        String pool = catalog.createPool(dataCenter, Map.of("cpu", "8", "memory", "16Gi", "disk", "1Ti"))
                .statusCode(201).extract().path("id");
        String subnet = as(catalog.admin).body(Map.of("dataCenterId", dataCenter, "vlan", 7, "cidr", "10.7.0.0/24"))
                .post("/api/v1/cloud/subnets").then().statusCode(201).extract().path("id");
        as(catalog.admin).body(Map.of("dataCenterId", dataCenter, "vlan", 8, "cidr", "10.8.0.0/24"))
                .post("/api/v1/cloud/subnets").then().statusCode(201);
        as(catalog.admin).body(Map.of("vlan", 8)).patch("/api/v1/cloud/subnets/" + subnet).then().statusCode(409);
        as(catalog.admin).body(Map.of("vlan", 9)).patch("/api/v1/cloud/subnets/" + subnet).then().statusCode(200)
                .body("vlan", equalTo(9));

        String first = vm(pool);
        String second = vm(pool);
        String address = as(developer).body(Map.of("subnetId", subnet, "vmId", first))
                .post("/api/v1/cloud/ip-addresses").then().statusCode(201).extract().path("id");
        as(developer).body(Map.of("vmId", second)).patch("/api/v1/cloud/ip-addresses/" + address).then()
                .statusCode(200).body("vmId", equalTo(second)).body("address", equalTo("10.7.0.1"));

        String system = as(developer).body(Map.of("name", unique("sys"), "organizationId", organization.toString()))
                .post("/api/v1/cloud/systems").then().statusCode(201).extract().path("id");
        as(developer).header("If-Match", "\"1\"").body(Map.of("name", "renamed", "description", "what it does"))
                .patch("/api/v1/cloud/systems/" + system).then().statusCode(200)
                .body("description", equalTo("what it does"));
        as(developer).get("/api/v1/cloud/systems?organizationId=" + organization).then()
                .body("items.id", equalTo(List.of(system)));
    }

    private String vm(String pool) {
        return as(developer).body(Map.of("name", unique("vm"), "organizationId", organization.toString(),
                        "poolId", pool, "instanceType", "m5.large", "cpu", "1", "memory", "1Gi", "customOs", "Plan 9"))
                .post("/api/v1/cloud/vms").then().statusCode(201).extract().path("id");
    }
}

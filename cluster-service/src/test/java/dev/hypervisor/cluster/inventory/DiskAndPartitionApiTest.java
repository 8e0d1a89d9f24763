package dev.hypervisor.cluster.inventory;

import static dev.hypervisor.cluster.inventory.CloudCatalog.as;
import static dev.hypervisor.cluster.inventory.CloudCatalog.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.hypervisor.cluster.service.LedgerAudit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Disks claim space from a storage device of their VM's pool; partitions fit in their disk. */
@QuarkusTest
class DiskAndPartitionApiTest {

    @Inject
    LedgerAudit audit;

    private final CloudCatalog catalog = new CloudCatalog();
    private final UUID organization = catalog.organization;
    private final String developer = catalog.developer;
    private final String outsider = catalog.outsider;

    private String device(String pool, String capacity) {
        return as(catalog.admin).body(Map.of("name", unique("ssd"), "poolId", pool, "capacity", capacity))
                .post("/api/v1/cloud/storage-devices").then().statusCode(201).extract().path("id");
    }

    private String vm(String pool) {
        return as(developer).body(Map.of("name", unique("vm"), "organizationId", organization.toString(),
                        "poolId", pool, "instanceType", "m5.large", "cpu", "1", "memory", "1Gi", "customOs", "Plan 9"))
                .post("/api/v1/cloud/vms").then().statusCode(201).extract().path("id");
    }

    private ValidatableResponse disk(String vm, String device, String size) {
        return as(developer).body(Map.of("vmId", vm, "storageDeviceId", device, "size", size))
                .post("/api/v1/cloud/disks").then();
    }

    private ValidatableResponse partition(String disk, String size, String filesystem) {
        return as(developer).body(Map.of("diskId", disk, "size", size, "filesystem", filesystem))
                .post("/api/v1/cloud/partitions").then();
    }

    @Test
    void aDiskClaimsFromAStorageDeviceOfItsVmsPool() {
        String pool = catalog.pool("8", "16Gi", "1Ti");
        String device = device(pool, "100Gi");
        String vm = vm(pool);
        String disk = disk(vm, device, "60 GiB").statusCode(201).body("size", equalTo("60Gi"))
                .body("sizeBytes", equalTo(64424509440L)).body("partitioned", equalTo("0")).extract().path("id");
        as(developer).get("/api/v1/cloud/storage-devices/" + device).then().body("allocated", equalTo("60Gi"))
                .body("available", equalTo("40Gi"));

        disk(vm, device, "50Gi").statusCode(409).body("code", equalTo("INSUFFICIENT_CAPACITY"))
                .body("short[0].resource", equalTo("disk"));
        String elsewhere = device(catalog.pool("8", "16Gi", "1Ti"), "1Ti");
        disk(vm, elsewhere, "1Gi").statusCode(422).body("errors.field", hasItem("storageDeviceId"));
        disk(vm, device, "lots").statusCode(422).body("errors.field", hasItem("size"));

        as(developer).delete("/api/v1/cloud/vms/" + vm).then().statusCode(409);
        as(catalog.admin).delete("/api/v1/cloud/storage-devices/" + device).then().statusCode(409);
        as(developer).delete("/api/v1/cloud/disks/" + disk).then().statusCode(204);
        as(developer).get("/api/v1/cloud/storage-devices/" + device).then().body("available", equalTo("100Gi"));
        as(developer).delete("/api/v1/cloud/vms/" + vm).then().statusCode(204);
        assertThat(audit.run()).isEmpty();
    }

    @Test
    void partitionsTogetherNeverExceedTheirDisk() {
        String pool = catalog.pool("8", "16Gi", "1Ti");
        String device = device(pool, "100Gi");
        String disk = disk(vm(pool), device, "10Gi").statusCode(201).extract().path("id");
        String diskPath = "/api/v1/cloud/disks/" + disk;

        String root = partition(disk, "6Gi", "ext4").statusCode(201).body("filesystem", equalTo("ext4"))
                .extract().path("id");
        partition(disk, "5Gi", "xfs").statusCode(409);
        partition(disk, "4Gi", "ext5").statusCode(422).body("errors.field", hasItem("filesystem"));
        partition(disk, "4 GiB", "XFS").statusCode(201).body("filesystem", equalTo("xfs"));
        as(developer).get(diskPath).then().body("partitioned", equalTo("10Gi"));

        as(developer).body(Map.of("size", "9Gi")).patch(diskPath).then().statusCode(428);
        as(developer).header("If-Match", "\"1\"").body(Map.of("size", "9Gi")).patch(diskPath).then()
                .statusCode(409);
        as(developer).header("If-Match", "\"1\"").body(Map.of("size", "12Gi")).patch(diskPath).then()
                .statusCode(200).body("size", equalTo("12Gi"));
        as(developer).get("/api/v1/cloud/storage-devices/" + device).then().body("allocated", equalTo("12Gi"));
        as(developer).body(Map.of("size", "9Gi")).patch("/api/v1/cloud/partitions/" + root).then().statusCode(409);
        as(developer).body(Map.of("size", "8Gi", "filesystem", "btrfs")).patch("/api/v1/cloud/partitions/" + root)
                .then().statusCode(200).body("size", equalTo("8Gi")).body("filesystem", equalTo("btrfs"));

        as(developer).delete(diskPath).then().statusCode(409);
        as(developer).get("/api/v1/cloud/partitions?diskId=" + disk).then().body("items.size()", equalTo(2));
    }

    @Test
    void partitionsCreatedAtOnceOnOneDiskNeverOverfillIt() throws Exception {
        String pool = catalog.pool("8", "16Gi", "1Ti");
        String disk = disk(vm(pool), device(pool, "100Gi"), "10Gi").statusCode(201).extract().path("id");
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> creations = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                creations.add(() -> partition(disk, "1Gi", "ext4").extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : threads.invokeAll(creations)) {
                statuses.add(status.get());
            }
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(10);
        } finally {
            threads.shutdownNow();
        }
        as(developer).get("/api/v1/cloud/disks/" + disk).then().body("partitioned", equalTo("10Gi"));
    }

    @Test
    void anotherOrganizationsDisksDoNotExistForYou() {
        String pool = catalog.pool("8", "16Gi", "1Ti");
        String device = device(pool, "100Gi");
        String vm = vm(pool);
        String disk = disk(vm, device, "1Gi").statusCode(201).extract().path("id");

        as(outsider).get("/api/v1/cloud/disks/" + disk).then().statusCode(404);
        as(outsider).delete("/api/v1/cloud/disks/" + disk).then().statusCode(404);
        as(outsider).body(Map.of("vmId", vm, "storageDeviceId", device, "size", "1Gi"))
                .post("/api/v1/cloud/disks").then().statusCode(422).body("errors.field", hasItem("vmId"));
        as(outsider).body(Map.of("diskId", disk, "size", "1Gi", "filesystem", "ext4"))
                .post("/api/v1/cloud/partitions").then().statusCode(422).body("errors.field", hasItem("diskId"));
        as(outsider).get("/api/v1/cloud/disks").then().statusCode(200).body("items", equalTo(List.of()));
    }
}

package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.newCloudThing;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.newUser;
import static dev.hypervisor.e2e.Gateway.platformAdminToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every collection of the cloud inventory through the gateway of the running stack: the platform administrator
 * builds the catalog, an organization runs a VM with a disk, a partition, an address and a system on it, carves
 * a cluster from the same pool, and the capacity adds up everywhere; then everything is taken down again.
 */
@ExtendWith(SharedStack.class)
class InventoryThroughGatewayIT {


    @Test
    void theWholeInventoryFromProviderToPartition(StackUnderTest stack) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String admin = platformAdminToken(stack);
        as(stack, admin).get("/api/v1/cloud/units").then().statusCode(200)
                .body("items.name", hasItem("GiB"));
        String provider = newCloudThing(stack, admin, "providers", Map.of("name", "cloud-" + suffix));
        String dataCenter = newCloudThing(stack, admin, "data-centers",
                Map.of("name", "fra-" + suffix, "location", "Frankfurt", "providerId", provider));
        String pool = newCloudThing(stack, admin, "pools", Map.of("name", "general", "dataCenterId", dataCenter,
                "capacity", Map.of("cpu", "64", "memory", "256 GiB", "disk", "10 TB")));
        String device = newCloudThing(stack, admin, "storage-devices",
                Map.of("name", "nvme", "poolId", pool, "capacity", "2TiB"));
        String os = newCloudThing(stack, admin, "operating-systems", Map.of("name", "Ubuntu 24.04 " + suffix));
        String subnet = newCloudThing(stack, admin, "subnets",
                Map.of("dataCenterId", dataCenter, "vlan", 100, "cidr", "10.100.0.0/24"));

        JsonPath organization = newOrganization(stack, "infra-" + suffix);
        String owner = organization.getString("accessToken");
        String organizationId = organization.getString("id");
        String vm = newCloudThing(stack, owner, "vms", Map.of("name", "trainer", "organizationId", organizationId,
                "poolId", pool, "instanceType", "g5.xlarge", "cpu", "16", "memory", "64Gi", "osId", os));
        String disk = newCloudThing(stack, owner, "disks", Map.of("vmId", vm, "storageDeviceId", device, "size", "500GiB"));
        newCloudThing(stack, owner, "partitions", Map.of("diskId", disk, "size", "400 GiB", "filesystem", "ext4"));
        String address = newCloudThing(stack, owner, "ip-addresses", Map.of("subnetId", subnet, "vmId", vm));
        String system = newCloudThing(stack, owner, "systems", Map.of("name", "training", "organizationId", organizationId));
        as(stack, owner).post("/api/v1/cloud/systems/" + system + "/vms/" + vm).then().statusCode(200)
                .body("vmIds", equalTo(List.of(vm)));
        String cluster = as(stack, owner).contentType(ContentType.JSON).body(Map.of("name", "carved",
                        "organizationId", organizationId, "poolId", pool,
                        "capacity", Map.of("cpu", "32", "memory", "128Gi", "gpu", 0)))
                .post("/api/v1/clusters").then().statusCode(201).extract().path("id");

        as(stack, owner).get("/api/v1/cloud/pools/" + pool).then().statusCode(200)
                .body("allocated.cpu", equalTo("48")).body("allocated.memory", equalTo("192Gi"))
                .body("available.cpu", equalTo("16"));
        as(stack, owner).get("/api/v1/cloud/storage-devices/" + device).then()
                .body("allocated", equalTo("500Gi")).body("available", equalTo("1548Gi"));
        as(stack, owner).get("/api/v1/cloud/ip-addresses/" + address).then().body("address", equalTo("10.100.0.1"));
        as(stack, owner).get("/api/v1/cloud/disks/" + disk).then().body("partitioned", equalTo("400Gi"));
        as(stack, owner).get("/api/v1/cloud/vms?poolId=" + pool).then().body("items.id", equalTo(List.of(vm)));
        as(stack, newUser(stack, "nosy-" + suffix)).get("/api/v1/cloud/vms/" + vm).then().statusCode(404);

        // Taking it down in the order the dependencies allow gives every byte and core back.
        as(stack, owner).delete("/api/v1/clusters/" + cluster).then().statusCode(204);
        as(stack, owner).delete("/api/v1/cloud/ip-addresses/" + address).then().statusCode(204);
        String partitions = "/api/v1/cloud/partitions?diskId=" + disk;
        for (String partition : as(stack, owner).get(partitions).then().extract().jsonPath()
                .getList("items.id", String.class)) {
            as(stack, owner).delete("/api/v1/cloud/partitions/" + partition).then().statusCode(204);
        }
        as(stack, owner).delete("/api/v1/cloud/disks/" + disk).then().statusCode(204);
        as(stack, owner).delete("/api/v1/cloud/vms/" + vm).then().statusCode(204);
        as(stack, owner).get("/api/v1/cloud/pools/" + pool).then().body("allocated.cpuMillis", equalTo(0))
                .body("allocated.memoryBytes", equalTo(0));
        as(stack, owner).get("/api/v1/cloud/storage-devices/" + device).then().body("allocatedBytes", equalTo(0));
        as(stack, admin).delete("/api/v1/cloud/storage-devices/" + device).then().statusCode(204);
        as(stack, admin).delete("/api/v1/cloud/pools/" + pool).then().statusCode(204);
        as(stack, admin).delete("/api/v1/cloud/subnets/" + subnet).then().statusCode(204);
        as(stack, admin).delete("/api/v1/cloud/data-centers/" + dataCenter).then().statusCode(204);
        as(stack, admin).delete("/api/v1/cloud/providers/" + provider).then().statusCode(204);
        as(stack, admin).delete("/api/v1/cloud/operating-systems/" + os).then().statusCode(204);
    }
}

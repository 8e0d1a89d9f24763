package dev.hypervisor.cluster.inventory;

import static dev.hypervisor.cluster.inventory.CloudCatalog.as;
import static dev.hypervisor.cluster.inventory.CloudCatalog.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Subnets per VLAN that never overlap in a data center, and addresses that are unique hosts of their subnet. */
@QuarkusTest
class NetworkApiTest {

    private final CloudCatalog catalog = new CloudCatalog();
    private final UUID organization = catalog.organization;
    private final String developer = catalog.developer;
    private final String outsider = catalog.outsider;

    private ValidatableResponse subnet(String dataCenter, int vlan, String cidr) {
        return as(catalog.admin).body(Map.of("dataCenterId", dataCenter, "vlan", vlan, "cidr", cidr))
                .post("/api/v1/cloud/subnets").then();
    }

    private ValidatableResponse reserve(String subnet, String address) {
        Map<String, Object> body = new HashMap<>(Map.of("subnetId", subnet));
        if (address != null) {
            body.put("address", address);
        }
        return as(catalog.admin).body(body).post("/api/v1/cloud/ip-addresses").then();
    }

    @Test
    void subnetsAreOnePerVlanAndNeverOverlapInADataCenter() {
        String dataCenter = catalog.dataCenter();
        subnet(dataCenter, 10, "10.0.0.0/16").statusCode(201).body("family", equalTo("IPv4"))
                .body("firstHost", equalTo("10.0.0.1")).body("lastHost", equalTo("10.0.255.254"));
        subnet(dataCenter, 11, "10.0.128.0/24").statusCode(409);
        subnet(dataCenter, 10, "10.1.0.0/24").statusCode(409);
        subnet(dataCenter, 0, "10.2.0.0/24").statusCode(422).body("errors.field", hasItem("vlan"));
        subnet(dataCenter, 4095, "10.2.0.0/24").statusCode(422).body("errors.field", hasItem("vlan"));
        subnet(dataCenter, 12, "10.2.0.1/24").statusCode(422).body("errors.field", hasItem("cidr"));
        subnet(dataCenter, 12, "ten/24").statusCode(422).body("errors.field", hasItem("cidr"));
        subnet(dataCenter, 12, "2001:db8::/64").statusCode(201).body("family", equalTo("IPv6"));
        subnet(catalog.dataCenter(), 10, "10.0.0.0/16").statusCode(201);
        as(developer).body(Map.of("dataCenterId", dataCenter, "vlan", 13, "cidr", "10.3.0.0/24"))
                .post("/api/v1/cloud/subnets").then().statusCode(403);
        as(catalog.admin).delete("/api/v1/cloud/data-centers/" + dataCenter).then().statusCode(409);
    }

    @Test
    void anAddressIsAUniqueHostOfItsSubnet() {
        String subnet = subnet(catalog.dataCenter(), 20, "192.168.5.0/29").statusCode(201).extract().path("id");
        reserve(subnet, "192.168.6.1").statusCode(422).body("errors.field", hasItem("address"));
        reserve(subnet, "192.168.5.0").statusCode(422).body("detail", containsString("network"));
        reserve(subnet, "192.168.5.7").statusCode(422).body("detail", containsString("broadcast"));
        reserve(subnet, "2001:db8::1").statusCode(422);
        reserve(subnet, "example.com").statusCode(422);
        reserve(subnet, "192.168.5.2").statusCode(201).body("address", equalTo("192.168.5.2"));
        reserve(subnet, "192.168.5.2").statusCode(409);
        reserve(subnet, null).statusCode(201).body("address", equalTo("192.168.5.1"));
        reserve(subnet, null).statusCode(201).body("address", equalTo("192.168.5.3"));

        String pair = subnet(catalog.dataCenter(), 21, "10.9.9.0/31").statusCode(201).extract().path("id");
        reserve(pair, null).statusCode(201).body("address", equalTo("10.9.9.0"));
        reserve(pair, null).statusCode(201).body("address", equalTo("10.9.9.1"));
        reserve(pair, null).statusCode(409).body("code", equalTo("SUBNET_EXHAUSTED"));
        as(catalog.admin).delete("/api/v1/cloud/subnets/" + pair).then().statusCode(409);
    }

    @Test
    void concurrentRequestsForTheNextFreeAddressNeverGetTheSameOne() throws Exception {
        String roomy = subnet(catalog.dataCenter(), 30, "172.16.0.0/27").statusCode(201).extract().path("id");
        String small = subnet(catalog.dataCenter(), 31, "172.16.1.0/29").statusCode(201).extract().path("id");
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Response>> requests = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                requests.add(() -> as(catalog.admin).body(Map.of("subnetId", roomy)).post("/api/v1/cloud/ip-addresses"));
            }
            for (int i = 0; i < 10; i++) {
                requests.add(() -> as(catalog.admin).body(Map.of("subnetId", small)).post("/api/v1/cloud/ip-addresses"));
            }
            Set<String> roomyAddresses = new HashSet<>();
            Set<String> smallAddresses = new HashSet<>();
            int exhausted = 0;
            for (Future<Response> answer : threads.invokeAll(requests)) {
                Response response = answer.get();
                if (response.statusCode() == 409) {
                    assertThat(response.jsonPath().getString("code")).isEqualTo("SUBNET_EXHAUSTED");
                    exhausted++;
                    continue;
                }
                assertThat(response.statusCode()).isEqualTo(201);
                String address = response.jsonPath().getString("address");
                Set<String> bucket = address.startsWith("172.16.0.") ? roomyAddresses : smallAddresses;
                assertThat(bucket.add(address)).as("%s handed out twice", address).isTrue();
            }
            assertThat(roomyAddresses).hasSize(20);
            assertThat(smallAddresses).hasSize(6);
            assertThat(exhausted).isEqualTo(4);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aVmsAddressesAreItsOrganizations() {
        String dataCenter = catalog.dataCenter();
        String pool = catalog.createPool(dataCenter, Map.of("cpu", "8", "memory", "16Gi", "disk", "1Ti"))
                .statusCode(201).extract().path("id");
        String vm = as(developer).body(Map.of("name", unique("vm"), "organizationId", organization.toString(),
                        "poolId", pool, "instanceType", "m5.large", "cpu", "1", "memory", "1Gi", "customOs", "Plan 9"))
                .post("/api/v1/cloud/vms").then().statusCode(201).extract().path("id");
        String subnet = subnet(dataCenter, 40, "10.40.0.0/24").statusCode(201).extract().path("id");
        String elsewhere = subnet(catalog.dataCenter(), 40, "10.40.0.0/24").statusCode(201).extract().path("id");

        String address = as(developer).body(Map.of("subnetId", subnet, "vmId", vm)).post("/api/v1/cloud/ip-addresses")
                .then().statusCode(201).body("address", equalTo("10.40.0.1")).body("vmId", equalTo(vm))
                .body("organizationId", equalTo(organization.toString())).extract().path("id");
        as(developer).body(Map.of("subnetId", elsewhere, "vmId", vm)).post("/api/v1/cloud/ip-addresses").then()
                .statusCode(422).body("errors.field", hasItem("vmId"));
        as(developer).body(Map.of("subnetId", subnet)).post("/api/v1/cloud/ip-addresses").then().statusCode(403);
        as(outsider).body(Map.of("subnetId", subnet, "vmId", vm)).post("/api/v1/cloud/ip-addresses").then()
                .statusCode(422);
        as(outsider).get("/api/v1/cloud/ip-addresses/" + address).then().statusCode(404);
        as(outsider).get("/api/v1/cloud/ip-addresses").then().body("items.id", not(hasItem(address)));
        as(developer).get("/api/v1/cloud/ip-addresses?vmId=" + vm).then().body("items.id", equalTo(List.of(address)));

        as(developer).delete("/api/v1/cloud/vms/" + vm).then().statusCode(409);
        as(developer).delete("/api/v1/cloud/ip-addresses/" + address).then().statusCode(204);
        as(developer).delete("/api/v1/cloud/vms/" + vm).then().statusCode(204);
    }
}

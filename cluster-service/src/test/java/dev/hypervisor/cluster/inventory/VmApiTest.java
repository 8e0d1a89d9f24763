package dev.hypervisor.cluster.inventory;

import static dev.hypervisor.cluster.inventory.CloudCatalog.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.hypervisor.cluster.service.LedgerAudit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** VMs claim their CPU and memory from their pool: creation, resize, status, deletion, tenancy, races. */
@QuarkusTest
class VmApiTest {

    @Inject
    LedgerAudit audit;

    private final CloudCatalog catalog = new CloudCatalog();
    private final UUID organization = catalog.organization;
    private final String developer = catalog.developer;
    private final String viewer = catalog.viewer;
    private final String outsider = catalog.outsider;

    private ValidatableResponse createVm(String pool, String name, String cpu, String memory) {
        return createVm(Map.of("name", name, "organizationId", organization.toString(), "poolId", pool,
                "instanceType", "m5.large", "cpu", cpu, "memory", memory, "customOs", "Plan 9"));
    }

    private ValidatableResponse createVm(Map<String, Object> body) {
        return as(developer).body(body).post("/api/v1/cloud/vms").then();
    }

    private ValidatableResponse pool(String pool) {
        return as(viewer).get("/api/v1/cloud/pools/" + pool).then().statusCode(200);
    }

    @Test
    void aVmClaimsFromItsPoolAndDeletingItReleasesTheClaimAtOnce() {
        String pool = catalog.pool("8", "16Gi", "1Ti");
        String vm = createVm(pool, "trainer", "4", "8GiB").statusCode(201).header("ETag", "\"1\"")
                .body("status", equalTo("PROVISIONING")).body("cpu", equalTo("4")).body("memory", equalTo("8Gi"))
                .body("memoryBytes", equalTo(8589934592L)).body("customOs", equalTo("Plan 9"))
                .extract().path("id");
        pool(pool).body("allocated.cpu", equalTo("4")).body("available.memory", equalTo("8Gi"));

        createVm(pool, "too-big", "5", "1Gi").statusCode(409).body("code", equalTo("INSUFFICIENT_CAPACITY"))
                .body("short[0].resource", equalTo("cpu")).body("short[0].needed", equalTo("5"))
                .body("short[0].free", equalTo("4"));
        as(viewer).get("/api/v1/cloud/vms?organizationId=" + organization).then()
                .body("items.name", not(hasItem("too-big")));

        as(developer).delete("/api/v1/cloud/vms/" + vm).then().statusCode(204);
        pool(pool).body("allocated.cpuMillis", equalTo(0)).body("available.cpu", equalTo("8"));
        as(viewer).get("/api/v1/cloud/vms/" + vm).then().statusCode(404);
        assertThat(audit.run()).isEmpty();
    }

    @Test
    void aVmRunsAnOperatingSystemOfTheCatalogOrACustomOneExactlyOne() {
        String pool = catalog.pool("8", "16Gi", "1Ti");
        String os = catalog.operatingSystem();
        Map<String, Object> base = new HashMap<>(Map.of("name", "vm", "organizationId", organization.toString(),
                "poolId", pool, "instanceType", "m5.large", "cpu", "1", "memory", "1Gi"));

        createVm(base).statusCode(422).body("errors.field", hasItem("osId"));
        Map<String, Object> both = new HashMap<>(base);
        both.putAll(Map.of("osId", os, "customOs", "TempleOS"));
        createVm(both).statusCode(422).body("errors.field", hasItem("osId"));
        Map<String, Object> unknown = new HashMap<>(base);
        unknown.put("osId", UUID.randomUUID().toString());
        createVm(unknown).statusCode(422).body("errors.field", hasItem("osId"));
        Map<String, Object> cataloged = new HashMap<>(base);
        cataloged.put("osId", os);
        createVm(cataloged).statusCode(201).body("osId", equalTo(os));

        as(catalog.admin).delete("/api/v1/cloud/operating-systems/" + os).then().statusCode(409);
        pool(pool).body("allocated.cpu", equalTo("1"));
    }

    @Test
    void statusFollowsTheMachineAndAResizeNeedsTheETagAndFitsThePool() {
        String pool = catalog.pool("8", "16Gi", "1Ti");
        String vm = createVm(pool, "svc", "2", "2Gi").statusCode(201).extract().path("id");
        String path = "/api/v1/cloud/vms/" + vm;

        as(developer).body(Map.of("status", "RUNNING")).patch(path).then().statusCode(200)
                .body("status", equalTo("RUNNING")).header("ETag", "\"2\"");
        as(developer).body(Map.of("status", "PROVISIONING")).patch(path).then().statusCode(409);
        as(developer).body(Map.of("status", "EXPLODED")).patch(path).then().statusCode(422);
        as(developer).body(Map.of("status", "STOPPED")).patch(path).then().statusCode(200);

        as(developer).body(Map.of("cpu", "4")).patch(path).then().statusCode(428);
        as(developer).header("If-Match", "\"1\"").body(Map.of("cpu", "4")).patch(path).then().statusCode(412);
        as(developer).header("If-Match", "\"3\"").body(Map.of("cpu", "9")).patch(path).then().statusCode(409)
                .body("code", equalTo("INSUFFICIENT_CAPACITY"));
        as(viewer).get(path).then().body("cpu", equalTo("2"));
        as(developer).header("If-Match", "\"3\"").body(Map.of("cpu", "8", "memory", "3 GiB")).patch(path).then()
                .statusCode(200).body("cpu", equalTo("8")).body("memory", equalTo("3Gi"));
        pool(pool).body("allocated.cpu", equalTo("8")).body("allocated.memory", equalTo("3Gi"));
        assertThat(audit.run()).isEmpty();
    }

    @Test
    void otherTenantsSeeNothingAndViewersChangeNothing() {
        String pool = catalog.pool("8", "16Gi", "1Ti");
        String vm = createVm(pool, "private", "1", "1Gi").statusCode(201).extract().path("id");

        as(outsider).get("/api/v1/cloud/vms/" + vm).then().statusCode(404);
        as(outsider).body(Map.of("name", "mine")).patch("/api/v1/cloud/vms/" + vm).then().statusCode(404);
        as(outsider).delete("/api/v1/cloud/vms/" + vm).then().statusCode(404);
        as(outsider).get("/api/v1/cloud/vms").then().statusCode(200).body("items.id", not(hasItem(vm)));
        as(viewer).body(Map.of("name", "renamed")).patch("/api/v1/cloud/vms/" + vm).then().statusCode(403);
        as(viewer).delete("/api/v1/cloud/vms/" + vm).then().statusCode(403);
        as(outsider).body(Map.of("name", "x", "organizationId", organization.toString(), "poolId", pool,
                "instanceType", "t", "cpu", "1", "memory", "1Gi", "customOs", "x")).post("/api/v1/cloud/vms")
                .then().statusCode(404);
        as(viewer).get("/api/v1/cloud/vms/" + vm).then().statusCode(200).body("name", equalTo("private"));
    }

    @Test
    void ofManyVmsCreatedAtOnceOnOnePoolExactlyThoseThatFitExist() throws Exception {
        String pool = catalog.pool("8", "64Gi", "1Ti");
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> creations = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = "racer-" + i;
                creations.add(() -> createVm(pool, name, "1", "1Gi").extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : threads.invokeAll(creations)) {
                statuses.add(status.get());
            }
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(8);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(16);
        } finally {
            threads.shutdownNow();
        }
        pool(pool).body("allocated.cpu", equalTo("8")).body("available.cpuMillis", equalTo(0));
        as(viewer).get("/api/v1/cloud/vms?poolId=" + pool + "&limit=100").then().body("items.size()", equalTo(8));
        assertThat(audit.run()).isEmpty();
    }
}

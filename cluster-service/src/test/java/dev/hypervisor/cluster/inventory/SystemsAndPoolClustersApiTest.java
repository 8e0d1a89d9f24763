package dev.hypervisor.cluster.inventory;

import static dev.hypervisor.cluster.inventory.CloudCatalog.as;
import static dev.hypervisor.cluster.inventory.CloudCatalog.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.hypervisor.cluster.service.LedgerAudit;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Systems group an organization's VMs; a cluster created with a poolId is carved from that pool. */
@QuarkusTest
class SystemsAndPoolClustersApiTest {

    @Inject
    LedgerAudit audit;

    private final CloudCatalog catalog = new CloudCatalog();
    private final UUID organization = catalog.organization;
    private final String owner = catalog.owner;
    private final String outsider = catalog.outsider;

    private String vm(String token, UUID organizationId, String pool) {
        return as(token).body(Map.of("name", unique("vm"), "organizationId", organizationId.toString(),
                        "poolId", pool, "instanceType", "m5.large", "cpu", "1", "memory", "1Gi", "customOs", "Plan 9"))
                .post("/api/v1/cloud/vms").then().statusCode(201).extract().path("id");
    }

    private ValidatableResponse cluster(String pool, String cpu, String memory) {
        return as(owner).body(Map.of("name", unique("carved"), "organizationId", organization.toString(),
                        "poolId", pool, "capacity", Map.of("cpu", cpu, "memory", memory, "gpu", 0)))
                .post("/api/v1/clusters").then();
    }

    @Test
    void aSystemGroupsVmsOfItsOrganizationListedBothWays() {
        String pool = catalog.pool("8", "16Gi", "1Ti");
        String web = vm(owner, organization, pool);
        String db = vm(owner, organization, pool);
        UUID other = UUID.randomUUID();
        String foreign = vm(TestTokens.current().user(UUID.randomUUID(), Map.of(other, OrgRole.OWNER)), other, pool);

        String system = as(owner).body(Map.of("name", "shop", "description", "the web shop", "organizationId",
                organization.toString())).post("/api/v1/cloud/systems").then().statusCode(201)
                .body("vmIds", equalTo(List.of())).extract().path("id");
        String path = "/api/v1/cloud/systems/" + system;
        as(owner).post(path + "/vms/" + web).then().statusCode(200).body("vmIds", equalTo(List.of(web)));
        as(owner).post(path + "/vms/" + web).then().statusCode(200).body("vmIds.size()", equalTo(1));
        as(owner).post(path + "/vms/" + db).then().statusCode(200).body("vmIds.size()", equalTo(2));
        as(owner).post(path + "/vms/" + foreign).then().statusCode(422).body("errors.field", hasItem("vmId"));
        as(owner).get("/api/v1/cloud/systems?vmId=" + db).then().body("items.id", equalTo(List.of(system)));

        as(owner).delete(path + "/vms/" + web).then().statusCode(200).body("vmIds", equalTo(List.of(db)));
        as(owner).delete("/api/v1/cloud/vms/" + db).then().statusCode(204);
        as(owner).get(path).then().body("vmIds", equalTo(List.of()));

        as(outsider).get(path).then().statusCode(404);
        as(outsider).post(path + "/vms/" + web).then().statusCode(404);
        as(owner).body(Map.of("name", "SHOP", "organizationId", organization.toString()))
                .post("/api/v1/cloud/systems").then().statusCode(409);
        as(owner).delete(path).then().statusCode(204);
    }

    @Test
    void aClusterCarvedFromAPoolClaimsItAndReleasesItWhenDeleted() {
        String pool = catalog.pool("16", "64Gi", "1Ti");
        String carved = cluster(pool, "10", "32Gi").statusCode(201).body("poolId", equalTo(pool))
                .extract().path("id");
        as(owner).get("/api/v1/cloud/pools/" + pool).then().body("allocated.cpu", equalTo("10"))
                .body("available.memory", equalTo("32Gi"));

        cluster(pool, "8", "1Gi").statusCode(409).body("code", equalTo("INSUFFICIENT_CAPACITY"));
        as(owner).header("If-Match", "\"1\"")
                .body(Map.of("capacity", Map.of("cpu", "17", "memory", "32Gi", "gpu", 0)))
                .patch("/api/v1/clusters/" + carved).then().statusCode(409);
        as(owner).header("If-Match", "\"1\"")
                .body(Map.of("capacity", Map.of("cpu", "12", "memory", "32Gi", "gpu", 0)))
                .patch("/api/v1/clusters/" + carved).then().statusCode(200);
        as(owner).get("/api/v1/cloud/pools/" + pool).then().body("allocated.cpu", equalTo("12"));
        as(catalog.admin).delete("/api/v1/cloud/pools/" + pool).then().statusCode(409);

        as(owner).delete("/api/v1/clusters/" + carved).then().statusCode(204);
        as(owner).get("/api/v1/cloud/pools/" + pool).then().body("allocated.cpuMillis", equalTo(0));
        cluster(UUID.randomUUID().toString(), "1", "1Gi").statusCode(422).body("errors.field", hasItem("poolId"));
        assertThat(audit.run()).isEmpty();
    }
}

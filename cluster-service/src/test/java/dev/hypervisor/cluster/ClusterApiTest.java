package dev.hypervisor.cluster;

import static dev.hypervisor.cluster.Tenants.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class ClusterApiTest {

    private Tenants tenants;

    @BeforeEach
    void anOrganization() {
        tenants = new Tenants();
    }

    @Test
    void anAdminCreatesAClusterAndEveryMemberReadsIt() {
        String location = tenants.createCluster(tenants.admin, "GPU Pool", "64", "256Gi", 8).statusCode(201)
                .header("ETag", "\"1\"")
                .body("name", equalTo("GPU Pool"))
                .body("organizationId", equalTo(tenants.organization.toString()))
                .body("capacity.cpu", equalTo("64"))
                .body("capacity.memory", equalTo("256Gi"))
                .body("capacity.gpu", equalTo(8))
                .body("allocated.cpu", equalTo("0"))
                .body("available.memoryBytes", equalTo(274877906944L))
                .body("preemption", equalTo("LOWER_PRIORITY"))
                .body("preemptionGracePeriod", equalTo("0s"))
                .body("generation", equalTo(1))
                .extract().header("Location");

        as(tenants.viewer).get(location).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("GPU Pool"));
        as(tenants.scheduler).get(location).then().statusCode(200);
    }

    @Test
    void onlyAdminsAndOwnersCreateAndOutsidersSeeNothing() {
        tenants.createCluster(tenants.developer, "dev", "1", "1Gi", 0).statusCode(403).body("code", equalTo("FORBIDDEN"));
        tenants.createCluster(tenants.outsider, "out", "1", "1Gi", 0).statusCode(404);
        UUID cluster = tenants.cluster("4", "8Gi", 0);

        as(tenants.outsider).get("/api/v1/clusters/" + cluster).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as(tenants.outsider).get("/api/v1/clusters/" + cluster + "/allocations").then().statusCode(404);
        as(tenants.outsider).get("/api/v1/clusters/" + cluster + "/ledger").then().statusCode(404);
        as(tenants.outsider).body(Map.of("name", "mine")).patch("/api/v1/clusters/" + cluster).then().statusCode(404);
        as(tenants.outsider).delete("/api/v1/clusters/" + cluster).then().statusCode(404);
        as(tenants.developer).delete("/api/v1/clusters/" + cluster).then().statusCode(403);
    }

    @Test
    void namesAreUniquePerOrganizationRegardlessOfCase() {
        tenants.createCluster(tenants.owner, "Training", "1", "1Gi", 0).statusCode(201);

        tenants.createCluster(tenants.owner, "TRAINING", "1", "1Gi", 0).statusCode(409)
                .body("code", equalTo("CONFLICT"));
        Tenants other = new Tenants();
        other.createCluster(other.owner, "Training", "1", "1Gi", 0).statusCode(201);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "negative cpu      | {\"cpu\": \"-1\", \"memory\": \"1Gi\"}             | capacity.cpu",
            "fractional gpu    | {\"cpu\": \"1\", \"memory\": \"1Gi\", \"gpu\": 1.5} | capacity.gpu",
            "no memory         | {\"cpu\": \"1\"}                                 | capacity.memory",
            "zero cpu          | {\"cpu\": \"0\", \"memory\": \"1Gi\"}              | capacity",
            "unparsable memory | {\"cpu\": \"1\", \"memory\": \"lots\"}             | capacity.memory",
    })
    void refusesCapacitiesThatAreNotUsable(String description, String capacity, String field) {
        as(tenants.owner).body("{\"name\": \"x\", \"organizationId\": \"" + tenants.organization + "\", \"capacity\": "
                        + capacity + "}")
                .post("/api/v1/clusters").then()
                .statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void anUnknownPoolIsRefused() {
        as(tenants.owner).body(Map.of("name", "pooled", "organizationId", tenants.organization.toString(),
                        "capacity", Map.of("cpu", "1", "memory", "1Gi"), "poolId", UUID.randomUUID().toString()))
                .post("/api/v1/clusters").then().statusCode(422).body("errors[0].field", equalTo("poolId"));
    }

    @Test
    void listsTheClustersOfTheCallersOrganizationsPageByPage() {
        UUID first = tenants.cluster("1", "1Gi", 0);
        UUID second = tenants.cluster("1", "1Gi", 0);
        UUID third = tenants.cluster("1", "1Gi", 0);
        new Tenants().cluster("1", "1Gi", 0);

        JsonPath page = as(tenants.viewer).queryParam("limit", 2).get("/api/v1/clusters").then().statusCode(200)
                .body("items.id", contains(first.toString(), second.toString())).extract().jsonPath();
        as(tenants.viewer).queryParam("limit", 2).queryParam("cursor", page.getString("nextCursor"))
                .get("/api/v1/clusters").then().statusCode(200)
                .body("items.id", contains(third.toString()))
                .body("nextCursor", nullValue());
        as(tenants.viewer).queryParam("organizationId", tenants.organization).get("/api/v1/clusters").then()
                .statusCode(200).body("items.size()", equalTo(3));
        as(tenants.viewer).queryParam("organizationId", UUID.randomUUID()).get("/api/v1/clusters").then()
                .statusCode(404);
    }

    @Test
    void renamesAndChangesPreemptionMovingTheGeneration() {
        UUID cluster = tenants.cluster("4", "8Gi", 0);

        as(tenants.admin).body(Map.of("name", "Renamed", "preemption", "NEVER"))
                .patch("/api/v1/clusters/" + cluster).then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("name", equalTo("Renamed"))
                .body("preemption", equalTo("NEVER"))
                .body("generation", equalTo(2));
    }

    @Test
    void theGracePeriodIsZeroToTenMinutesAndKeptAcrossOtherChanges() {
        UUID cluster = tenants.cluster("4", "8Gi", 0);

        as(tenants.admin).body(Map.of("preemptionGracePeriod", "90s")).patch("/api/v1/clusters/" + cluster).then()
                .statusCode(200).body("preemptionGracePeriod", equalTo("90s"));
        as(tenants.admin).body(Map.of("name", "Checkpointing")).patch("/api/v1/clusters/" + cluster).then()
                .statusCode(200).body("preemptionGracePeriod", equalTo("90s"));
        for (String wrong : List.of("11m", "1h", "soon", "-5s", "")) {
            as(tenants.admin).body(Map.of("preemptionGracePeriod", wrong)).patch("/api/v1/clusters/" + cluster)
                    .then().statusCode(422).body("errors[0].field", equalTo("preemptionGracePeriod"));
        }
        as(tenants.viewer).get("/api/v1/clusters/" + cluster).then().statusCode(200)
                .body("preemptionGracePeriod", equalTo("90s")).body("generation", equalTo(3));
        as(tenants.admin).body(Map.of("preemptionGracePeriod", "10m")).patch("/api/v1/clusters/" + cluster).then()
                .statusCode(200).body("preemptionGracePeriod", equalTo("10m"));
    }

    @Test
    void aResizeNeedsTheCurrentEtagAndNeverGoesBelowWhatIsClaimed() {
        UUID cluster = tenants.cluster("4", "8Gi", 2);
        tenants.claim(cluster, UUID.randomUUID(), "3", "2Gi", 1).statusCode(200);
        Map<String, Object> bigger = Map.of("capacity", Map.of("cpu", "8", "memory", "16Gi", "gpu", 2));
        Map<String, Object> tooSmall = Map.of("capacity", Map.of("cpu", "2", "memory", "16Gi", "gpu", 0));

        as(tenants.admin).body(bigger).patch("/api/v1/clusters/" + cluster).then().statusCode(428)
                .body("code", equalTo("PRECONDITION_REQUIRED"));
        as(tenants.admin).header("If-Match", "\"7\"").body(bigger).patch("/api/v1/clusters/" + cluster).then()
                .statusCode(412).body("code", equalTo("PRECONDITION_FAILED"));
        as(tenants.admin).header("If-Match", "\"1\"").body(tooSmall).patch("/api/v1/clusters/" + cluster).then()
                .statusCode(409)
                .body("errors.field", contains("capacity.cpu", "capacity.gpu"))
                .body("errors[0].message", containsString("3"));
        tenants.get(cluster).statusCode(200).body("capacity.cpu", equalTo("4")).header("ETag", "\"1\"");

        as(tenants.admin).header("If-Match", "\"1\"").body(bigger).patch("/api/v1/clusters/" + cluster).then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("capacity.cpu", equalTo("8"))
                .body("allocated.cpu", equalTo("3"))
                .body("available.cpu", equalTo("5"));
        as(tenants.admin).get("/api/v1/clusters/" + cluster + "/ledger").then().statusCode(200)
                .body("items.kind", hasItem("RESIZE"));
    }

    @Test
    void aClusterWithClaimsCannotBeDeleted() {
        UUID cluster = tenants.cluster("4", "8Gi", 0);
        UUID consumer = UUID.randomUUID();
        tenants.claim(cluster, consumer, "1", "1Gi", 0).statusCode(200);

        as(tenants.owner).delete("/api/v1/clusters/" + cluster).then().statusCode(409);

        tenants.release(cluster, consumer).statusCode(204);
        as(tenants.owner).delete("/api/v1/clusters/" + cluster).then().statusCode(204);
        tenants.get(cluster).statusCode(404);
    }

    @Test
    void patchAcceptsMergePatchAndRefusesBlankNames() {
        UUID cluster = tenants.cluster("4", "8Gi", 0);
        as(tenants.admin).contentType("application/merge-patch+json").body(Map.of("name", "Merged"))
                .patch("/api/v1/clusters/" + cluster).then().statusCode(200).body("name", equalTo("Merged"));
        as(tenants.admin).body(Map.of("name", "   ")).patch("/api/v1/clusters/" + cluster).then().statusCode(422);
        as(tenants.admin).body(Map.of("preemption", "SOMETIMES")).patch("/api/v1/clusters/" + cluster).then()
                .statusCode(422).body("errors[0].field", equalTo("preemption"));
    }

    @Test
    void theLocationOfANewClusterIsItsOwnPath() {
        String location = tenants.createCluster(tenants.owner, "located", "1", "1Gi", 0).statusCode(201)
                .extract().header("Location");
        assertThat(location).matches(".*/api/v1/clusters/[0-9a-f-]{36}");
        as(tenants.owner).get(location).then().statusCode(200).body("id", equalTo(location.substring(location.length() - 36)));
        as(tenants.owner).get(location).then().header("ETag", endsWith("\""));
    }
}

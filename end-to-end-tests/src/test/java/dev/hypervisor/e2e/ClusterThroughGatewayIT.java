package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.newUser;
import static dev.hypervisor.e2e.Gateway.schedulerToken;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every row of the "Clusters and ledger" table of the API through the gateway of a running stack, with tokens
 * identity-service issued: a person's for clusters, the scheduler's service account for claims.
 */
@ExtendWith(SharedStack.class)
class ClusterThroughGatewayIT {

    @Test
    void clustersAndTheLedgerWorkEndToEnd(StackUnderTest stack) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, "owner-" + suffix);
        String owner = organization.getString("accessToken");
        String organizationId = organization.getString("id");
        String outsider = newUser(stack, "outsider-" + suffix);
        String scheduler = schedulerToken(stack);

        // create, list, read with an ETag
        String cluster = newCluster(stack, owner, organizationId, "gpu-a",
                Map.of("cpu", "8", "memory", "32Gi", "gpu", 2));
        as(stack, owner).contentType(ContentType.JSON)
                .body(Map.of("name", "GPU-A", "organizationId", organizationId,
                        "capacity", Map.of("cpu", "1", "memory", "1Gi")))
                .post("/api/v1/clusters").then().statusCode(409);
        as(stack, owner).get("/api/v1/clusters").then().statusCode(200).body("items.id", contains(cluster));
        String etag = as(stack, owner).get("/api/v1/clusters/" + cluster).then().statusCode(200)
                .body("available.cpu", equalTo("8")).extract().header("ETag");
        as(stack, outsider).get("/api/v1/clusters/" + cluster).then().statusCode(404);

        // claims by the scheduler's account; people may not claim
        String first = UUID.randomUUID().toString();
        as(stack, scheduler).contentType(ContentType.JSON)
                .body(Map.of("resources", Map.of("cpu", "6", "memory", "8Gi", "gpu", 1), "consumerType", "DEPLOYMENT"))
                .put("/api/v1/clusters/" + cluster + "/allocations/" + first).then().statusCode(200);
        as(stack, owner).contentType(ContentType.JSON)
                .body(Map.of("resources", Map.of("cpu", "1", "memory", "1Gi"), "consumerType", "DEPLOYMENT"))
                .put("/api/v1/clusters/" + cluster + "/allocations/" + UUID.randomUUID()).then().statusCode(403);
        as(stack, scheduler).contentType(ContentType.JSON)
                .body(Map.of("resources", Map.of("cpu", "4", "memory", "1Gi", "gpu", 2), "consumerType", "DEPLOYMENT"))
                .put("/api/v1/clusters/" + cluster + "/allocations/" + UUID.randomUUID()).then().statusCode(409)
                .body("code", equalTo("INSUFFICIENT_CAPACITY"))
                .body("short.resource", contains("cpu", "gpu"));
        String second = UUID.randomUUID().toString();
        as(stack, scheduler).contentType(ContentType.JSON)
                .body(Map.of("claims", List.of(Map.of("clusterId", cluster, "consumerId", second,
                                "resources", Map.of("cpu", "2", "memory", "8Gi"))),
                        "releases", List.of(Map.of("clusterId", cluster, "consumerId", first))))
                .post("/api/v1/allocations").then().statusCode(200);
        as(stack, owner).get("/api/v1/clusters/" + cluster + "/allocations").then().statusCode(200)
                .body("items.consumerId", contains(second));
        as(stack, owner).get("/api/v1/clusters/" + cluster).then()
                .body("allocated.cpu", equalTo("2")).body("available.cpu", equalTo("6"));

        // resize needs the ETag and cannot go below what is allocated
        as(stack, owner).contentType(ContentType.JSON).body(Map.of("capacity", Map.of("cpu", "16", "memory", "32Gi")))
                .patch("/api/v1/clusters/" + cluster).then().statusCode(428);
        as(stack, owner).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("capacity", Map.of("cpu", "1", "memory", "32Gi")))
                .patch("/api/v1/clusters/" + cluster).then().statusCode(409);
        as(stack, owner).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("capacity", Map.of("cpu", "16", "memory", "32Gi", "gpu", 2)))
                .patch("/api/v1/clusters/" + cluster).then().statusCode(200).body("available.cpu", equalTo("14"));
        as(stack, owner).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("name", "late"))
                .patch("/api/v1/clusters/" + cluster).then().statusCode(412);

        // the journal, and deleting only once empty
        as(stack, owner).get("/api/v1/clusters/" + cluster + "/ledger").then().statusCode(200)
                .body("items.kind", hasItem("RESIZE")).body("items", hasSize(4));
        as(stack, owner).delete("/api/v1/clusters/" + cluster).then().statusCode(409);
        as(stack, scheduler).delete("/api/v1/clusters/" + cluster + "/allocations/" + second).then().statusCode(204);
        as(stack, scheduler).delete("/api/v1/clusters/" + cluster + "/allocations/" + second).then().statusCode(204);
        as(stack, owner).delete("/api/v1/clusters/" + cluster).then().statusCode(204);
        as(stack, owner).get("/api/v1/clusters/" + cluster).then().statusCode(404);
    }

}

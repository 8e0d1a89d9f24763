package dev.hypervisor.scheduler.standin;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** A test's hold on {@link FakeClusterService}: its clusters, its ledger, and how it answers. */
public final class ClusterServiceStandIn {

    private ClusterServiceStandIn() {
    }

    /** A new cluster of the organization ({@code capacity}: cpu, memory, gpu as the API takes them). */
    public static UUID newCluster(UUID organizationId, Map<String, Object> capacity, boolean preemptionAllowed) {
        return newCluster(organizationId, capacity, preemptionAllowed, "0s");
    }

    /** A cluster whose preempted deployments get {@code preemptionGracePeriod} ({@code "30s"}) to stop. */
    public static UUID newCluster(UUID organizationId, Map<String, Object> capacity, boolean preemptionAllowed,
                                  String preemptionGracePeriod) {
        return UUID.fromString(control().body(Map.of("organizationId", organizationId, "capacity", capacity,
                        "preemptionAllowed", preemptionAllowed, "preemptionGracePeriod", preemptionGracePeriod))
                .post("/test/clusters").then().statusCode(200).extract().path("id"));
    }

    /** Makes the user a member of the organization, as identity-service would list it. */
    public static void addMember(UUID organizationId, UUID userId) {
        control().body(Map.of("userId", userId)).post("/test/organizations/" + organizationId + "/members").then()
                .statusCode(200);
    }

    /** The claims on the cluster now: consumer id to its resources (as the API writes them). */
    public static Map<String, Map<String, Object>> claimsOn(UUID clusterId) {
        return control().get("/test/clusters/" + clusterId + "/claims").then().statusCode(200).extract()
                .jsonPath().getMap("");
    }

    /** A claim nobody recorded, as one the scheduler made just before it stopped. */
    public static void plantClaim(UUID clusterId, UUID consumerId, Map<String, Object> resources) {
        control().body(resources).put("/test/clusters/" + clusterId + "/claims/" + consumerId).then().statusCode(200);
    }

    /** The next {@code batches} ledger batches are refused with 409, as after a resize the scheduler missed. */
    public static void refuseNextBatches(int batches) {
        control().body(Map.of("batches", batches)).post("/test/refusals").then().statusCode(200);
    }

    /** From now on, ledger batches wait until {@link #releaseHeldCalls()}. */
    public static void holdLedgerCalls() {
        control().post("/test/hold").then().statusCode(200);
    }

    public static void releaseHeldCalls() {
        control().post("/test/release").then().statusCode(200);
    }

    /** How many ledger batches wait for {@link #releaseHeldCalls()} now. */
    public static int heldCalls() {
        return control().get("/test/held").then().statusCode(200).extract().path("calls");
    }

    /** Whether it answers at all; unavailable, it answers every call 503. */
    public static void available(boolean available) {
        control().body(Map.of("available", available)).post("/test/availability").then().statusCode(200);
    }

    private static RequestSpecification control() {
        return RestAssured.given().baseUri(ConfigProvider.getConfig().getValue("hv.cluster-url", String.class))
                .contentType(ContentType.JSON);
    }
}

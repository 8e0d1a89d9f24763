package dev.hypervisor.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.runtime.sql.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LedgerAuditTest {

    @Inject
    Sql sql;

    @Test
    void theAuditFindsARowThatNoLongerAddsUp() {
        Tenants tenants = new Tenants();
        UUID cluster = tenants.cluster("4", "4Gi", 0);
        tenants.claim(cluster, UUID.randomUUID(), "1", "1Gi", 0).statusCode(200);
        given().get("/q/health/group/ledger").then().statusCode(200).body("status", equalTo("UP"));

        sql.update("UPDATE inventories SET used = used + 1 WHERE provider_id = ? AND resource_class = 'CPU'", cluster);
        try {
            given().get("/q/health/group/ledger").then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks[0].data.discrepancies", equalTo(1))
                    .body("checks[0].data.'discrepancy 1'", containsString(cluster.toString()));
            given().accept("text/plain").get("/q/metrics").then()
                    .body(containsString("hypervisor_ledger_discrepancies 1.0"));
        } finally {
            sql.update("UPDATE inventories SET used = used - 1 WHERE provider_id = ? AND resource_class = 'CPU'", cluster);
        }
        given().get("/q/health/group/ledger").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}

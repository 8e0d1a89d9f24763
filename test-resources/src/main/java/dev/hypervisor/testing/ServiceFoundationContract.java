package dev.hypervisor.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service promises before it has a single endpoint of its own: it is alive and ready when its
 * database (and, where it uses one, its Kafka) is, it publishes Prometheus metrics, it describes its API with
 * OpenAPI and Swagger UI at {@code /docs}, it has migrated its schema, and it answers unknown paths with a
 * problem. Each service's test extends this and names what it expects.
 */
public abstract class ServiceFoundationContract {

    /** The title the service's OpenAPI document carries. */
    protected abstract String openApiTitle();

    /** The names of the readiness checks the service must report as up. */
    protected abstract List<String> readinessChecks();

    @Test
    void isAliveAndReadyWhenItsBackingServicesAre() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();

        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getList("checks.name", String.class)).containsAll(readinessChecks());
        assertThat(ready.getList("checks.status", String.class)).containsOnly("UP");
    }

    @Test
    void publishesPrometheusMetrics() {
        given().get("/api/v1/no-such-thing").then().statusCode(404);

        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain")).extract().asString();

        assertThat(metrics).contains("jvm_memory_used_bytes").containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\"");
    }

    @Test
    void describesItsApiWithOpenApiAndSwaggerUi() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", startsWith("3."))
                .body("info.title", equalTo(openApiTitle()));

        given().get("/docs/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("swagger-ui"));
    }

    @Test
    void hasMigratedItsDatabase() throws Exception {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             Statement sql = connection.createStatement();
             ResultSet applied = sql.executeQuery(
                     "SELECT count(*) FILTER (WHERE success), count(*) FILTER (WHERE NOT success)"
                             + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
            applied.next();
            assertThat(applied.getInt(1)).as("migrations applied").isPositive();
            assertThat(applied.getInt(2)).as("migrations failed").isZero();
        }
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        given().get("/api/v1/no-such-thing").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }
}

package dev.hypervisor.testing;

import dev.hypervisor.embedded.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real PostgreSQL for a module's {@code @QuarkusTest}s, started once for the module's test run, with one
 * database named by the {@code database} argument (default {@code hypervisor}); the service's own Flyway
 * migrations build the schema as they would in production.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private PostgresServer postgres;
    private String database = "hypervisor";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        postgres = PostgresServer.startForTests();
        postgres.createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}

package dev.hypervisor.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @Test
    void servesADatabaseItCreates() throws Exception {
        try (PostgresServer postgres = PostgresServer.startForTests()) {
            postgres.createDatabase("ledger");
            postgres.createDatabase("ledger"); // a second time is a no-op

            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("ledger"), PostgresServer.USER, "");
                 Statement sql = connection.createStatement();
                 ResultSet row = sql.executeQuery("SELECT current_database(), current_setting('server_version_num')")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("ledger");
                assertThat(row.getInt(2)).isGreaterThanOrEqualTo(170000);
            }
        }
    }

    @Test
    void aDurableServerKeepsItsDataAcrossRestarts(@TempDir Path data) throws Exception {
        int port;
        try (PostgresServer postgres = PostgresServer.startDurable(data, 0)) {
            port = postgres.port();
            postgres.createDatabase("kept");
            execute(postgres, "CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('still here')");
        }
        try (PostgresServer postgres = PostgresServer.startDurable(data, port)) {
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("kept"), PostgresServer.USER, "");
                 Statement sql = connection.createStatement();
                 ResultSet row = sql.executeQuery("SELECT text FROM note")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void aDurableServerFlushesEveryCommitToDisk(@TempDir Path data) throws Exception {
        try (PostgresServer postgres = PostgresServer.startDurable(data, 0);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), PostgresServer.USER, "");
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("on");
            assertThat(row.getString(2)).isEqualTo("on");
        }
    }

    private static void execute(PostgresServer postgres, String statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("kept"), PostgresServer.USER, "");
             Statement sql = connection.createStatement()) {
            sql.execute(statements);
        }
    }
}

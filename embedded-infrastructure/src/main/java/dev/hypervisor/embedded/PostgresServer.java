package dev.hypervisor.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server, from the binaries that ship as a Maven artifact, running as a child process.
 *
 * <p>Two uses: tests, where the data is thrown away and durability is traded for speed; and the local stack,
 * where the data directory survives restarts and every commit is flushed to disk.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throwaway server on a free port, its data in a temporary directory, tuned for tests. */
    public static PostgresServer startForTests() {
        return start(EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off"));
    }

    /**
     * A server whose data lives in {@code dataDirectory} across restarts, listening on {@code port}, that answers
     * a commit only once it is on disk. The embedded server's own defaults are for tests (it starts PostgreSQL
     * with {@code -F}, fsync off, and with {@code synchronous_commit=off}): a crash could then lose commits that
     * the services had acted on (offsets committed, events published), so both are turned back on here.
     */
    public static PostgresServer startDurable(Path dataDirectory, int port) {
        return start(EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPort(port));
    }

    private static PostgresServer start(EmbeddedPostgres.Builder builder) {
        try {
            return new PostgresServer(builder
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "300")
                    // the ledger's hot tables need vacuuming every few seconds under load, not every minute
                    .setServerConfig("autovacuum_naptime", "5s")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates the database unless it exists; a service's Flyway migrations then build its schema. */
    public void createDatabase(String name) {
        try (Connection admin = postgres.getPostgresDatabase().getConnection()) {
            PostgresDatabases.createIfMissing(admin, name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The server's own process id, as PostgreSQL records it in its data directory. */
    public long processId() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT setting FROM pg_settings WHERE name = 'data_directory'")) {
            row.next();
            String firstLine = Files.readAllLines(Path.of(row.getString(1), "postmaster.pid")).get(0);
            return Long.parseLong(firstLine.trim());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not read the PostgreSQL process id: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}

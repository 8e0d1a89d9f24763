package dev.hypervisor.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates a service's database on any PostgreSQL server, embedded or not, unless it is already there. */
public final class PostgresDatabases {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private PostgresDatabases() {
    }

    /** Connects to the server's {@code postgres} database at {@code serverUrl} (no database in it) as an admin. */
    public static void createIfMissing(String serverUrl, String user, String password, String name) {
        try (Connection admin = DriverManager.getConnection(serverUrl + "/postgres", user, password)) {
            createIfMissing(admin, name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not reach PostgreSQL at " + serverUrl + ": " + e.getMessage(), e);
        }
    }

    static void createIfMissing(Connection admin, String name) throws SQLException {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
        }
        try (Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + name); // a plain name, checked above
        }
    }
}

package dev.hypervisor.runtime.sql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Plain SQL against the service's own database, with positional {@code ?} parameters. Inside a
 * {@code @Transactional} method every call uses the transaction's connection, so statements compose into one
 * transaction; outside one, each statement commits on its own.
 *
 * <p>Parameters may be strings, numbers, booleans, UUIDs, {@link Instant}s (stored as {@code timestamptz}),
 * enums (stored by name), byte arrays, collections of strings ({@code text[]}), {@link SqlArray}s and null.
 */
@ApplicationScoped
public class Sql {

    private final Instance<DataSource> dataSource;

    public Sql(Instance<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
        SqlQuery<T> query = new SqlQuery<>(sql, mapper, parameters);
        listTogether(List.of(query));
        return query.rows();
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = list(sql, mapper, parameters);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.stream().findFirst();
    }

    /** Runs an INSERT, UPDATE or DELETE and answers how many rows it changed. */
    public int update(String sql, Object... parameters) {
        return withConnection(sql, connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs several queries, in order, in a single round trip (the driver sends them one after the other before it
     * waits); each query's rows are then in its {@link SqlQuery#rows()}. Each query sees what the ones before it
     * did, and, outside a serializable transaction, what others committed meanwhile: a query after one that takes
     * locks reads what the locks protect as it is once they are held.
     */
    public void listTogether(List<SqlQuery<?>> queries) {
        if (queries.isEmpty()) {
            return;
        }
        String script = script(queries.stream().map(SqlQuery::sql).toList());
        Object[] parameters = queries.stream().flatMap(query -> Arrays.stream(query.parameters())).toArray();
        withConnection(script, connection -> {
            try (PreparedStatement statement = prepare(connection, script, parameters)) {
                statement.execute();
                for (SqlQuery<?> query : queries) {
                    try (ResultSet results = statement.getResultSet()) {
                        query.read(results);
                    }
                    statement.getMoreResults();
                }
                return null;
            }
        });
    }

    /**
     * Runs several INSERT, UPDATE or DELETE statements, in order, in a single round trip (the driver sends them one
     * after the other before it waits), and answers the rows each changed. Each statement still sees what the ones
     * before it did; only the waiting between them is saved.
     */
    public int[] updateTogether(List<SqlStatement> statements) {
        if (statements.isEmpty()) {
            return new int[0];
        }
        String script = script(statements.stream().map(SqlStatement::sql).toList());
        Object[] parameters = statements.stream().flatMap(statement -> Arrays.stream(statement.parameters()))
                .toArray();
        return withConnection(script, connection -> {
            try (PreparedStatement statement = prepare(connection, script, parameters)) {
                int[] changed = new int[statements.size()];
                statement.execute();
                for (int i = 0; i < changed.length; i++) {
                    changed[i] = statement.getUpdateCount();
                    statement.getMoreResults();
                }
                return changed;
            }
        });
    }

    /** Statements one after the other, as the driver splits them again: separated by semicolons. */
    private static String script(List<String> statements) {
        return String.join(";\n", statements);
    }

    /** Runs one statement for each set of parameters in a single round trip; answers the rows each changed. */
    public int[] batch(String sql, Collection<Object[]> parameterSets) {
        if (parameterSets.isEmpty()) {
            return new int[0];
        }
        return withConnection(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] parameters : parameterSets) {
                    bind(connection, statement, parameters);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(String sql, Work<T> work) {
        try (Connection connection = dataSource.get().getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException(firstWords(sql), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(connection, statement, parameters);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, Object[] parameters)
            throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            int index = i + 1;
            Object value = parameters[i];
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof Instant instant) {
                statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
            } else if (value instanceof Enum<?> constant) {
                statement.setString(index, constant.name());
            } else if (value instanceof UUID || value instanceof String || value instanceof Number
                    || value instanceof Boolean || value instanceof byte[]) {
                statement.setObject(index, value);
            } else if (value instanceof SqlArray array) {
                statement.setArray(index, connection.createArrayOf(array.elementType(), array.elements()));
            } else if (value instanceof Collection<?> strings) {
                statement.setArray(index, connection.createArrayOf("text", strings.toArray(new String[0])));
            } else {
                throw new IllegalArgumentException("cannot bind a " + value.getClass().getName() + " to SQL");
            }
        }
    }

    private static String firstWords(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "...";
    }
}

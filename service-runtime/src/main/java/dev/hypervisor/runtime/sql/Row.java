package dev.hypervisor.runtime.sql;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** One row of a result, read by column name with the types the services use. */
public final class Row {

    private final ResultSet resultSet;

    Row(ResultSet resultSet) {
        this.resultSet = resultSet;
    }

    public UUID uuid(String column) throws SQLException {
        return resultSet.getObject(column, UUID.class);
    }

    public String string(String column) throws SQLException {
        return resultSet.getString(column);
    }

    public int integer(String column) throws SQLException {
        return resultSet.getInt(column);
    }

    public long longValue(String column) throws SQLException {
        return resultSet.getLong(column);
    }

    public boolean bool(String column) throws SQLException {
        return resultSet.getBoolean(column);
    }

    public byte[] bytes(String column) throws SQLException {
        return resultSet.getBytes(column);
    }

    /** A {@code timestamptz} column; null when the column is null. */
    public Instant instant(String column) throws SQLException {
        OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public <E extends Enum<E>> E enumValue(String column, Class<E> type) throws SQLException {
        String value = resultSet.getString(column);
        return value == null ? null : Enum.valueOf(type, value);
    }

    /** A {@code text[]} column; empty when the column is null. */
    public List<String> strings(String column) throws SQLException {
        Array array = resultSet.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}

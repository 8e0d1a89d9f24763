package dev.hypervisor.runtime.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A query for {@link Sql#listTogether}, which sends several queries in one round trip: the statement, how to
 * read each row, and, once run, the rows it answered.
 */
public final class SqlQuery<T> {

    private final String sql;
    private final RowMapper<T> mapper;
    private final Object[] parameters;
    private List<T> rows;

    public SqlQuery(String sql, RowMapper<T> mapper, Object... parameters) {
        this.sql = sql;
        this.mapper = mapper;
        this.parameters = parameters;
    }

    /** The rows the query answered. */
    public List<T> rows() {
        if (rows == null) {
            throw new IllegalStateException("the query has not run: " + sql);
        }
        return rows;
    }

    String sql() {
        return sql;
    }

    Object[] parameters() {
        return parameters;
    }

    void read(ResultSet results) throws SQLException {
        Row row = new Row(results);
        List<T> read = new ArrayList<>();
        while (results.next()) {
            read.add(mapper.map(row));
        }
        rows = read;
    }
}

package dev.hypervisor.runtime.sql;

import java.sql.SQLException;

/** A database call failed; the message names the statement's purpose, the cause is the driver's exception. */
public class DataAccessException extends RuntimeException {

    private final String sqlState;

    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    public String sqlState() {
        return sqlState;
    }

    /** True when a unique constraint or index refused the change. */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }

    /** True when an exclusion constraint refused the change (two rows that may not overlap would have). */
    public boolean isExclusionViolation() {
        return "23P01".equals(sqlState);
    }

    /** True when the database gave up on a serialization conflict or deadlock; retrying may succeed. */
    public boolean isRetryable() {
        return "40001".equals(sqlState) || "40P01".equals(sqlState);
    }
}

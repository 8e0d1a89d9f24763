package dev.hypervisor.runtime.sql;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

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

    /**
     * True when the failure, or anything that caused it, says the database cannot be reached now (a connection
     * refused, cut or not to be had, or the server shutting down or starting): nothing the request did, and
     * asking again shortly may succeed.
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}

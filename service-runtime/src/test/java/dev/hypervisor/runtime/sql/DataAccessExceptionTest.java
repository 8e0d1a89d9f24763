package dev.hypervisor.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DataAccessExceptionTest {

    @Test
    void aConnectionThatFailsOrAServerShuttingDownIsUnreachableWhereverItIsInTheChain() {
        assertThat(DataAccessException.isUnreachable(new SQLException("refused", "08001"))).isTrue();
        assertThat(DataAccessException.isUnreachable(new IllegalStateException("in a transaction",
                new DataAccessException("storing a deployment", new SQLException("terminating", "57P01")))))
                .isTrue();
        assertThat(DataAccessException.isUnreachable(new RuntimeException(
                new SQLTransientConnectionException("acquisition timeout")))).isTrue();
    }

    @Test
    void whatARequestDidWrongIsNot() {
        assertThat(DataAccessException.isUnreachable(new DataAccessException("inserting",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DataAccessException.isUnreachable(new SQLException("no state"))).isFalse();
        assertThat(DataAccessException.isUnreachable(new IllegalArgumentException("bad"))).isFalse();
    }
}

package dev.hypervisor.runtime.sql;

/** One statement with its positional parameters, for {@link Sql#updateTogether}. */
public record SqlStatement(String sql, Object... parameters) {
}

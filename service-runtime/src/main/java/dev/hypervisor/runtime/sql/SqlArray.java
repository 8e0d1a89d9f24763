package dev.hypervisor.runtime.sql;

import java.util.Collection;
import java.util.UUID;

/**
 * An array parameter, for statements that take many rows at once ({@code unnest(?, ?, ?)}) instead of one
 * round trip per row.
 */
public record SqlArray(String elementType, Object[] elements) {

    public static SqlArray uuids(Collection<UUID> values) {
        return new SqlArray("uuid", values.toArray(new UUID[0]));
    }

    public static SqlArray integers(Collection<Integer> values) {
        return new SqlArray("integer", values.toArray(new Integer[0]));
    }

    public static SqlArray longs(Collection<Long> values) {
        return new SqlArray("bigint", values.toArray(new Long[0]));
    }

    public static SqlArray texts(Collection<String> values) {
        return new SqlArray("text", values.toArray(new String[0]));
    }
}

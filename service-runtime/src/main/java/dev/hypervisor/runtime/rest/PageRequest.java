package dev.hypervisor.runtime.rest;

import dev.hypervisor.common.problem.InvalidFieldException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * {@code ?limit=} (default 50, at most 500) and {@code ?cursor=} of a list request. The cursor is opaque to
 * clients; inside it is the sort key of the last row of the previous page, read back with the typed accessors,
 * which fall back to a key before every row when there is no cursor.
 */
public record PageRequest(int limit, List<String> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final UUID LOWEST_ID = new UUID(0, 0);

    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidFieldException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? List.of() : Cursor.decode(cursor));
    }

    /** How many rows to fetch: one more than shown tells whether there is a next page. */
    public int fetchSize() {
        return limit + 1;
    }

    public String text(int index) {
        return after.isEmpty() ? "" : part(index);
    }

    public UUID id(int index) {
        if (after.isEmpty()) {
            return LOWEST_ID;
        }
        try {
            return UUID.fromString(part(index));
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
    }

    public Instant time(int index) {
        if (after.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(part(index));
        } catch (DateTimeParseException e) {
            throw notOurs();
        }
    }

    private String part(int index) {
        if (index >= after.size()) {
            throw notOurs();
        }
        return after.get(index);
    }

    private static InvalidFieldException notOurs() {
        return new InvalidFieldException("cursor", "is not a cursor this API gave out");
    }
}

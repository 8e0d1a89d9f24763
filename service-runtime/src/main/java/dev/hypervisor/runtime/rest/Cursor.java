package dev.hypervisor.runtime.rest;

import dev.hypervisor.common.problem.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** Encodes the sort key of a row as an opaque cursor, and back. */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(String... parts) {
        return Arrays.stream(parts)
                .map(part -> Base64.getUrlEncoder().withoutPadding().encodeToString(part.getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining("."));
    }

    static List<String> decode(String cursor) {
        try {
            return Arrays.stream(cursor.split("\\.", -1))
                    .map(part -> new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8))
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("cursor", "is not a cursor this API gave out");
        }
    }
}

package dev.hypervisor.runtime.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as every list endpoint answers: {@code {"items": [...], "nextCursor": "..." | null}}.
 * Pass {@code nextCursor} back as {@code ?cursor=} for the next page; null means this was the last.
 */
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    /**
     * The page from rows fetched with one more than the limit: if that extra row came back there is a next
     * page, and its cursor is made from the last row shown.
     */
    public static <T> Page<T> of(List<T> rowsPlusOne, PageRequest request, Function<T, String> cursorOf) {
        if (rowsPlusOne.size() <= request.limit()) {
            return new Page<>(List.copyOf(rowsPlusOne), null);
        }
        List<T> shown = List.copyOf(rowsPlusOne.subList(0, request.limit()));
        return new Page<>(shown, cursorOf.apply(shown.get(shown.size() - 1)));
    }

    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(items.stream().map(mapping).toList(), nextCursor);
    }
}

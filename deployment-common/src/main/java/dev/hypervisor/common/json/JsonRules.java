package dev.hypervisor.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How every part of the system reads and writes JSON, in one place: HTTP bodies and events alike.
 *
 * <ul>
 *   <li>Unknown fields are ignored, so older readers accept newer writers and clients cannot set derived
 *       fields by sending them.</li>
 *   <li>A fractional number is never silently truncated into an integer field ({@code 1.5} GPUs is an error,
 *       not one GPU).</li>
 *   <li>Times are RFC 3339 strings in UTC; absent values are left out rather than written as {@code null}.</li>
 * </ul>
 */
public final class JsonRules {

    private JsonRules() {
    }

    public static ObjectMapper newMapper() {
        return apply(JsonMapper.builder().build());
    }

    public static ObjectMapper apply(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}

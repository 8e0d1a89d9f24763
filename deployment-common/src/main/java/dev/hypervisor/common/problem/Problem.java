package dev.hypervisor.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer in RFC 9457 {@code application/problem+json} form, with the stable {@code code} of
 * {@link ProblemCode}, the failing fields of a validation error, and any further members a code defines
 * (the short resources of {@code INSUFFICIENT_CAPACITY}, for example).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    @JsonCreator
    public Problem(
            @JsonProperty("type") String type,
            @JsonProperty("title") String title,
            @JsonProperty("status") int status,
            @JsonProperty("detail") String detail,
            @JsonProperty("code") String code,
            @JsonProperty("errors") List<FieldError> errors) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemCode code, String detail) {
        return new Problem(code.type(), code.title(), code.status(), detail, code.name(), List.of());
    }

    /** A problem of any code that names the fields it concerns (a resize below what is claimed, say). */
    public static Problem of(ProblemCode code, String detail, List<FieldError> errors) {
        return new Problem(code.type(), code.title(), code.status(), detail, code.name(), errors);
    }

    public static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        ProblemCode code = ProblemCode.VALIDATION_FAILED;
        return new Problem(code.type(), code.title(), code.status(), detail, code.name(), errors);
    }

    /** This problem with one more member; for the members a particular code defines. */
    public Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    @JsonProperty
    public String type() {
        return type;
    }

    @JsonProperty
    public String title() {
        return title;
    }

    @JsonProperty
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public int status() {
        return status;
    }

    @JsonProperty
    public String detail() {
        return detail;
    }

    @JsonProperty
    public String code() {
        return code;
    }

    @JsonProperty
    public List<FieldError> errors() {
        return errors;
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }

    @JsonAnySetter
    void readExtension(String name, Object value) {
        extensions.put(name, value);
    }

    @JsonIgnore
    public boolean isServerError() {
        return status >= 500;
    }

    @Override
    public String toString() {
        return status + " " + code + ": " + detail;
    }
}

package dev.hypervisor.common.problem;

/**
 * A request value that is well-formed JSON but not acceptable, named by the field it came from
 * ({@code "resources.cpu"}); services answer it with 422 {@code VALIDATION_FAILED}.
 *
 * <p>It is thrown while JSON is read, so the reader of an inner value may know only its own field name; the
 * path of the enclosing fields is added when the error is answered.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field, relative to the value whose reader threw this; empty when that value itself is wrong. */
    public String field() {
        return field == null ? "" : field;
    }
}

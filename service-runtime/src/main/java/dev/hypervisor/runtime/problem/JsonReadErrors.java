package dev.hypervisor.runtime.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.hypervisor.common.problem.FieldError;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Says what was wrong with a JSON body that could not be read, in the contract's terms: JSON that is not JSON,
 * or a value of the wrong JSON type, is a malformed request (400); a value of the right type that is not
 * acceptable (an unknown enum name, an id that is not a UUID, a negative quantity) is a validation failure (422)
 * naming the field. The answer never repeats Jackson's own message, which names Java classes.
 */
final class JsonReadErrors {

    private JsonReadErrors() {
    }

    static Problem describe(JacksonException error) {
        if (!(error instanceof JsonMappingException mapping)) {
            return Problem.of(ProblemCode.MALFORMED_REQUEST, "the body is not valid JSON" + where(error));
        }
        String path = path(mapping);
        InvalidFieldException invalid = causeOfType(mapping, InvalidFieldException.class);
        if (invalid != null) {
            return invalidField(join(path, invalid.field()), invalid.getMessage());
        }
        if (mapping instanceof InvalidFormatException format) {
            return invalidField(path, formatMessage(format));
        }
        if (mapping instanceof ValueInstantiationException) {
            IllegalArgumentException cause = causeOfType(mapping, IllegalArgumentException.class);
            return invalidField(path, cause != null && cause.getMessage() != null ? cause.getMessage() : "is invalid");
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String expected = jsonTypeOf(mismatch.getTargetType());
            return Problem.of(ProblemCode.MALFORMED_REQUEST,
                    (path.isEmpty() ? "the body" : path) + " must be " + expected);
        }
        return Problem.of(ProblemCode.MALFORMED_REQUEST,
                "the body does not have the expected shape" + (path.isEmpty() ? "" : " at " + path));
    }

    private static Problem invalidField(String path, String message) {
        return Problem.validation(List.of(new FieldError(path.isEmpty() ? "body" : path, message)));
    }

    private static String formatMessage(InvalidFormatException format) {
        Class<?> target = format.getTargetType();
        if (target != null && target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (target == UUID.class) {
            return "is not a valid id (a UUID)";
        }
        if (target != null && Temporal.class.isAssignableFrom(target)) {
            return "is not a valid RFC 3339 time";
        }
        if (target != null && (Number.class.isAssignableFrom(target) || target.isPrimitive())) {
            return "is not a valid number";
        }
        return "has an invalid value";
    }

    private static String jsonTypeOf(Class<?> target) {
        if (target == String.class || target == UUID.class || target.isEnum()
                || Temporal.class.isAssignableFrom(target)) {
            return "a string";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (target.isPrimitive() || Number.class.isAssignableFrom(target)) {
            return "a number";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(target) || !target.getName().startsWith("java.")
                ? "an object" : "a different JSON type";
    }

    /** The path of the failing value in the body: {@code resources.cpu}, {@code dependsOn[2]}. */
    private static String path(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String join(String path, String field) {
        if (field.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String where(JacksonException error) {
        return error.getLocation() == null || error.getLocation().getLineNr() < 1 ? ""
                : " (line " + error.getLocation().getLineNr() + ", column " + error.getLocation().getColumnNr() + ")";
    }

    private static <T extends Throwable> T causeOfType(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}

package dev.hypervisor.cluster.inventory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypervisor.cluster.inventory.domain.SizeUnits;
import dev.hypervisor.common.problem.FieldError;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.resources.Quantity;
import dev.hypervisor.common.resources.QuantityException;
import java.util.List;

/**
 * Quantities in request bodies, written as strings ({@code "16Gi"}, {@code "500 GB"}, {@code "1500m"}) or, as
 * in YAML, bare numbers; each refused with the field that holds it.
 */
final class QuantityFields {

    private QuantityFields() {
    }

    static long bytes(String field, JsonNode value) {
        String text = text(field, value);
        try {
            return positive(field, SizeUnits.parseBytes(text));
        } catch (QuantityException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }

    static long cpuMillis(String field, JsonNode value) {
        String text = text(field, value);
        try {
            return positive(field, Quantity.parseCpuMillis(text.strip()));
        } catch (QuantityException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }

    static void requireObject(String field, JsonNode value) {
        if (!value.isObject()) {
            throw new ProblemException(Problem.of(ProblemCode.MALFORMED_REQUEST, field + " has the wrong JSON type",
                    List.of(new FieldError(field, "must be an object such as {\"cpu\": \"64\", \"memory\": \"256Gi\","
                            + " \"disk\": \"10Ti\"}"))));
        }
    }

    private static String text(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (!value.isTextual()) {
            throw new ProblemException(Problem.of(ProblemCode.MALFORMED_REQUEST, field + " has the wrong JSON type",
                    List.of(new FieldError(field, "must be a quantity such as \"16Gi\" or a number"))));
        }
        return value.asText();
    }

    private static long positive(String field, long amount) {
        if (amount <= 0) {
            throw new InvalidFieldException(field, "must be more than zero");
        }
        return amount;
    }
}

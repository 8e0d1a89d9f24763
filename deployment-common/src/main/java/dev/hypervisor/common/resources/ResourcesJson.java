package dev.hypervisor.common.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.hypervisor.common.problem.InvalidFieldException;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The JSON form of {@link Resources}.
 *
 * <p>Reading tells two kinds of mistakes apart, because clients fix them differently: a value of the wrong JSON
 * type ({@code "cpu": true}) is a malformed request, while a value of the right type that is not a valid amount
 * ({@code "cpu": "-1"}, {@code "gpu": 1.5}) is an {@link InvalidFieldException} naming the field.
 */
final class ResourcesJson {

    private ResourcesJson() {
    }

    static final class Writer extends JsonSerializer<Resources> {
        @Override
        public void serialize(Resources resources, JsonGenerator json, SerializerProvider provider)
                throws IOException {
            json.writeStartObject();
            json.writeStringField("cpu", resources.cpu());
            json.writeNumberField("cpuMillis", resources.cpuMillis());
            json.writeStringField("memory", resources.memory());
            json.writeNumberField("memoryBytes", resources.memoryBytes());
            json.writeNumberField("gpu", resources.gpu());
            json.writeEndObject();
        }
    }

    static final class Reader extends JsonDeserializer<Resources> {
        @Override
        public Resources deserialize(JsonParser json, DeserializationContext context) throws IOException {
            if (!json.isExpectedStartObjectToken()) {
                return (Resources) context.handleUnexpectedToken(Resources.class, json);
            }
            String cpu = null;
            String memory = null;
            long gpu = 0;
            for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
                json.nextToken();
                switch (field) {
                    case "cpu" -> cpu = quantityText(json, context, field);
                    case "memory" -> memory = quantityText(json, context, field);
                    case "gpu" -> gpu = gpuCount(json, context);
                    default -> json.skipChildren(); // unknown fields, such as cpuMillis in an echoed answer
                }
            }
            return new Resources(cpuMillis(cpu), memoryBytes(memory), gpu);
        }

        private static long cpuMillis(String cpu) {
            if (cpu == null) {
                throw new InvalidFieldException("cpu", "is required");
            }
            try {
                return Quantity.parseCpuMillis(cpu);
            } catch (QuantityException e) {
                throw new InvalidFieldException("cpu", e.getMessage());
            }
        }

        private static long memoryBytes(String memory) {
            if (memory == null) {
                throw new InvalidFieldException("memory", "is required");
            }
            try {
                return Quantity.parseBytes(memory);
            } catch (QuantityException e) {
                throw new InvalidFieldException("memory", e.getMessage());
            }
        }

        /** A quantity may be written as a string ({@code "500m"}) or, as in YAML, a bare number ({@code 2}). */
        private static String quantityText(JsonParser json, DeserializationContext context, String field)
                throws IOException {
            JsonToken token = json.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return json.getText();
            }
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return json.getDecimalValue().toPlainString();
            }
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            return (String) context.handleUnexpectedToken(String.class, json);
        }

        private static long gpuCount(JsonParser json, DeserializationContext context) throws IOException {
            JsonToken token = json.currentToken();
            BigDecimal count;
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                count = json.getDecimalValue();
            } else if (token == JsonToken.VALUE_STRING) {
                try {
                    count = new BigDecimal(json.getText().trim());
                } catch (NumberFormatException e) {
                    throw new InvalidFieldException("gpu", "'" + json.getText() + "' is not a whole number");
                }
            } else if (token == JsonToken.VALUE_NULL) {
                return 0;
            } else {
                return (Long) context.handleUnexpectedToken(Long.class, json);
            }
            if (count.signum() < 0) {
                throw new InvalidFieldException("gpu", "must not be negative");
            }
            if (count.precision() - count.scale() > 19) { // more integer digits than a long holds
                throw new InvalidFieldException("gpu", "is too large");
            }
            if (count.signum() != 0 && count.stripTrailingZeros().scale() > 0) {
                throw new InvalidFieldException("gpu", "must be a whole number of GPUs, not " + count.toPlainString());
            }
            try {
                return count.longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidFieldException("gpu", "is too large");
            }
        }
    }
}

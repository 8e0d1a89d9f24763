package dev.hypervisor.common.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.hypervisor.common.json.JsonRules;
import dev.hypervisor.common.problem.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcesJsonTest {

    private final ObjectMapper json = JsonRules.newMapper();

    @Test
    void readsQuantitiesAsStringsOrNumbers() throws Exception {
        assertThat(read("{\"cpu\": \"500m\", \"memory\": \"1Gi\", \"gpu\": 1}"))
                .isEqualTo(new Resources(500, 1L << 30, 1));
        assertThat(read("{\"cpu\": 2, \"memory\": 1048576}")).isEqualTo(new Resources(2000, 1 << 20, 0));
        assertThat(read("{\"cpu\": 0.25, \"memory\": \"1G\", \"gpu\": \"2\"}"))
                .isEqualTo(new Resources(250, 1_000_000_000, 2));
    }

    @Test
    void writesCanonicalQuantitiesWithTheExactAmounts() throws Exception {
        String written = json.writeValueAsString(Resources.of("1.5", "1.5Gi", 1));

        assertThat(json.readTree(written)).isEqualTo(json.readTree(
                "{\"cpu\":\"1500m\",\"cpuMillis\":1500,\"memory\":\"1536Mi\",\"memoryBytes\":1610612736,\"gpu\":1}"));
    }

    @Test
    void readsWhatItWritesAndIgnoresUnknownFields() throws Exception {
        Resources resources = Resources.of("3", "7Gi", 4);
        assertThat(read(json.writeValueAsString(resources))).isEqualTo(resources);
        assertThat(read("{\"cpu\": \"1\", \"memory\": \"1Gi\", \"disk\": \"10Gi\", \"extra\": {\"a\": [1]}}"))
                .isEqualTo(Resources.of("1", "1Gi", 0));
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"memory\": \"1Gi\"}                        | cpu    | is required",
            "{\"cpu\": \"1\"}                             | memory | is required",
            "{\"cpu\": \"-1\", \"memory\": \"1Gi\"}       | cpu    | is negative",
            "{\"cpu\": \"lots\", \"memory\": \"1Gi\"}     | cpu    | is not a quantity",
            "{\"cpu\": \"1\", \"memory\": \"0.5\"}        | memory | whole number of bytes",
            "{\"cpu\": \"1\", \"memory\": \"1Gi\", \"gpu\": 1.5}   | gpu | whole number of GPUs",
            "{\"cpu\": \"1\", \"memory\": \"1Gi\", \"gpu\": -1}    | gpu | must not be negative",
            "{\"cpu\": \"1\", \"memory\": \"1Gi\", \"gpu\": \"x\"} | gpu | is not a whole number",
            "{\"cpu\": \"1\", \"memory\": \"1Gi\", \"gpu\": 1e30}  | gpu | is too large",
    })
    void namesTheFieldOfAnInvalidAmount(String body, String field, String message) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @ParameterizedTest(name = "{0} is malformed")
    @ValueSource(strings = {
            "\"4\"",
            "[1, 2]",
            "{\"cpu\": true, \"memory\": \"1Gi\"}",
            "{\"cpu\": \"1\", \"memory\": {\"value\": 1}}",
            "{\"cpu\": \"1\", \"memory\": \"1Gi\", \"gpu\": [1]}",
    })
    void treatsWrongJsonTypesAsMalformed(String body) {
        assertThatThrownBy(() -> read(body)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void anInvalidAmountInsideARequestKeepsItsPath() {
        assertThatThrownBy(() -> json.readValue("{\"resources\": {\"cpu\": \"x\", \"memory\": \"1Gi\"}}",
                Request.class))
                .isInstanceOfSatisfying(JsonMappingException.class, e -> {
                    assertThat(e.getPath()).extracting(JsonMappingException.Reference::getFieldName)
                            .containsExactly("resources");
                    assertThat(e.getCause()).isInstanceOf(InvalidFieldException.class);
                });
    }

    record Request(Resources resources) {
    }

    private Resources read(String body) throws Exception {
        try {
            return json.readValue(body, Resources.class);
        } catch (JsonMappingException e) {
            // A root-level value comes back wrapped; unwrap so each case can assert on what the reader threw.
            if (e.getCause() instanceof InvalidFieldException invalid) {
                throw invalid;
            }
            throw e;
        }
    }
}

package dev.hypervisor.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.json.JsonRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper json = JsonRules.newMapper();

    @Test
    void writesTheRfc9457MembersAndTheStableCode() throws Exception {
        Problem problem = Problem.of(ProblemCode.INSUFFICIENT_CAPACITY, "the cluster lacks 2 GPUs")
                .with("short", Map.of("gpu", Map.of("needed", 4, "free", 2)));

        JsonNode written = json.readTree(json.writeValueAsString(problem));

        assertThat(written.get("type").asText()).isEqualTo("urn:hypervisor:problem:insufficient-capacity");
        assertThat(written.get("title").asText()).isEqualTo("Insufficient capacity");
        assertThat(written.get("status").asInt()).isEqualTo(409);
        assertThat(written.get("detail").asText()).isEqualTo("the cluster lacks 2 GPUs");
        assertThat(written.get("code").asText()).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(written.get("short").get("gpu").get("free").asInt()).isEqualTo(2);
        assertThat(written.has("errors")).isFalse();
    }

    @Test
    void aValidationProblemListsItsFields() throws Exception {
        Problem problem = Problem.validation(List.of(
                new FieldError("name", "must not be blank"), new FieldError("resources.cpu", "is negative")));

        Problem read = json.readValue(json.writeValueAsString(problem), Problem.class);

        assertThat(read.status()).isEqualTo(422);
        assertThat(read.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(read.errors()).containsExactly(
                new FieldError("name", "must not be blank"), new FieldError("resources.cpu", "is negative"));
        assertThat(read.detail()).isEqualTo("2 fields are invalid");
    }

    @Test
    void aSingleInvalidFieldIsNamedInTheDetail() {
        Problem problem = Problem.validation(List.of(new FieldError("resources.gpu", "must not be negative")));

        assertThat(problem.detail()).isEqualTo("resources.gpu must not be negative");
    }

    @Test
    void everyCodeHasAnErrorStatus() {
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(code.status()).as(code.name()).isBetween(400, 599);
            assertThat(code.type()).startsWith("urn:hypervisor:problem:");
        }
    }
}

package dev.hypervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypervisor.cli.api.ApiClient;
import dev.hypervisor.cli.session.SessionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hv submit}: the request it sends, from a file and flags. */
class SubmitRequestTest {

    @TempDir
    Path directory;

    @Test
    void flagsFillAndOverrideTheFileAndPriorityDefaultsToMedium() throws Exception {
        Path file = Files.writeString(directory.resolve("train.yaml"), """
                name: train
                clusterId: 7d0c3a52-0000-4000-8000-00000000000a
                image: registry.example.com/ml/train:1
                resources: {cpu: "8", memory: 32Gi, gpu: 2}
                labels: {team: vision}
                """);
        JsonNode request = request("-f", file.toString(), "--cpu", "4", "--label", "run=nightly",
                "--max-run-duration", "2h", "--replicas", "4");
        assertThat(request.path("name").asText()).isEqualTo("train");
        assertThat(request.at("/resources/cpu").asText()).isEqualTo("4");
        assertThat(request.at("/resources/memory").asText()).isEqualTo("32Gi");
        assertThat(request.at("/resources/gpu").asInt()).isEqualTo(2);
        assertThat(request.at("/labels/team").asText()).isEqualTo("vision");
        assertThat(request.at("/labels/run").asText()).isEqualTo("nightly");
        assertThat(request.path("maxRunDuration").asText()).isEqualTo("2h");
        assertThat(request.path("replicas").asInt()).isEqualTo(4);
        assertThat(request.path("priority").asText()).isEqualTo("MEDIUM");
    }

    private JsonNode request(String... args) throws Exception {
        Hv hv = new Hv(new ApiClient(new SessionStore(directory), Clock.systemUTC()),
                new PrintWriter(new StringWriter()), Map.of());
        CommandLine line = new CommandLine(hv);
        CommandLine.ParseResult parsed = line.parseArgs(prepend("submit", args));
        dev.hypervisor.cli.command.SubmitCommand submit = (dev.hypervisor.cli.command.SubmitCommand)
                parsed.subcommand().commandSpec().userObject();
        return submit.request();
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}

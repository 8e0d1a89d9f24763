package dev.hypervisor.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.cli.output.OutputFormat;
import dev.hypervisor.common.json.JsonRules;
import dev.hypervisor.common.stream.ServerSentEvent;
import dev.hypervisor.common.stream.ServerSentEventReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Follows a deployment's event stream until the deployment ends: a line per event (its time, type and what it
 * says), or with {@code -o json} each event's envelope on a line of its own.
 */
@Command(name = "watch", description = "Follow a deployment's events, from its first until it ends.")
public final class WatchCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "the deployment's id")
    UUID id;

    private final ObjectMapper json = JsonRules.newMapper();

    @Override
    public Integer call() throws IOException {
        try (InputStream stream = hv.api().stream("/api/v1/deployments/" + id + "/events");
             BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            ServerSentEventReader reader = new ServerSentEventReader();
            String line;
            while ((line = lines.readLine()) != null) {
                Optional<ServerSentEvent> event = reader.accept(line);
                if (event.isPresent()) {
                    print(event.get());
                }
            }
        }
        return 0;
    }

    private void print(ServerSentEvent event) throws IOException {
        if (hv.output() == OutputFormat.JSON) {
            hv.out().println(event.data());
        } else {
            JsonNode envelope = json.readTree(event.data());
            hv.out().println(text(envelope, "/time") + "  " + event.event() + summary(envelope.path("data")));
        }
        hv.out().flush();
    }

    /** What the event says beyond its type, when it says something. */
    private static String summary(JsonNode data) {
        for (String field : new String[] {"message", "reason", "status"}) {
            String value = text(data, "/" + field);
            if (!value.isEmpty()) {
                return "  " + value;
            }
        }
        return "";
    }
}

package dev.hypervisor.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypervisor.cli.Hv;
import dev.hypervisor.cli.output.OutputFormat;
import dev.hypervisor.cli.output.Table;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ParentCommand;

/** What every command shares: the API, and printing an answer as a table or as the API's JSON. */
abstract class ApiCommand implements Callable<Integer> {

    @ParentCommand
    Hv hv;

    /** Prints the answer: its JSON with {@code -o json}, else the table made of it. */
    void print(JsonNode answer, Function<JsonNode, Table> table) {
        if (hv.output() == OutputFormat.JSON) {
            hv.printJson(answer);
        } else {
            table.apply(answer).print(hv.out());
        }
    }

    /** A path with those query parameters that are set, given as name, value, name, value... */
    static String withQuery(String path, Object... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null) {
                query.append(query.length() == 0 ? '?' : '&').append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        }
        return path + query;
    }

    /** A text field of the JSON, empty when absent or null. */
    static String text(JsonNode node, String path) {
        JsonNode value = node.at(path);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    /** Resources as {@code cpu/memory/gpu}. */
    static String resources(JsonNode resources) {
        return text(resources, "/cpu") + " cpu, " + text(resources, "/memory") + " memory, "
                + resources.path("gpu").asLong() + " gpu";
    }
}

package dev.hypervisor.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hypervisor.cli.output.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Submits a deployment from a file ({@code -f}, YAML or JSON, the API's request body) and flags, the flags
 * winning; or, with {@code --dry-run}, says what would happen without submitting.
 */
@Command(name = "submit", description = "Submit a deployment (-f deployment.yaml and/or flags); --dry-run asks what"
        + " would happen and changes nothing.")
public final class SubmitCommand extends ApiCommand {

    @Option(names = {"-f", "--file"}, description = "the request as YAML or JSON (API.md's body)")
    Path file;

    @Option(names = "--name")
    String name;

    @Option(names = "--cluster", description = "the cluster's id")
    UUID cluster;

    @Option(names = "--image")
    String image;

    @Option(names = "--cpu", description = "per replica, a Kubernetes quantity: 500m, 2")
    String cpu;

    @Option(names = "--memory", description = "per replica, a Kubernetes quantity: 512Mi, 16Gi")
    String memory;

    @Option(names = "--gpu", description = "per replica")
    Integer gpu;

    @Option(names = "--priority", description = "LOW, MEDIUM (default) or HIGH")
    String priority;

    @Option(names = "--queue", description = "the cluster's queue to wait in")
    String queue;

    @Option(names = "--replicas", description = "a gang of this many replicas, started together")
    Integer replicas;

    @Option(names = "--max-run-duration", description = "90s, 30m, 2h, 1d: running longer ends it TIMED_OUT")
    String maxRunDuration;

    @Option(names = "--label", description = "key=value, repeatable")
    Map<String, String> labels;

    @Option(names = "--depends-on", description = "a deployment it waits for, repeatable")
    List<UUID> dependsOn;

    @Option(names = "--dry-run", description = "decide by the real policy, store and publish nothing")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        ObjectNode request = request();
        JsonNode answer = hv.api().post("/api/v1/deployments" + (dryRun ? "?dryRun=true" : ""), request);
        if (dryRun) {
            print(answer, result -> new Table("WOULD START", "PREEMPTS", "REASON", "POSITION").row(
                    result.path("wouldStart").asBoolean() ? "yes" : "no", preempts(result),
                    text(result, "/pending/reason"), text(result, "/pending/position")));
        } else {
            print(answer, deployment -> new Table("ID", "NAME", "STATUS").row(text(deployment, "/id"),
                    text(deployment, "/name"), text(deployment, "/status")));
        }
        return 0;
    }

    public ObjectNode request() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode request = file == null ? yaml.createObjectNode() : readFile(yaml);
        put(request, "name", name);
        put(request, "clusterId", cluster);
        put(request, "image", image);
        put(request, "priority", priority);
        put(request, "queue", queue);
        put(request, "replicas", replicas);
        put(request, "maxRunDuration", maxRunDuration);
        if (cpu != null || memory != null || gpu != null) {
            ObjectNode resources = request.has("resources") ? (ObjectNode) request.get("resources")
                    : request.putObject("resources");
            put(resources, "cpu", cpu);
            put(resources, "memory", memory);
            put(resources, "gpu", gpu);
        }
        if (labels != null) {
            ObjectNode merged = request.has("labels") ? (ObjectNode) request.get("labels") : request.putObject("labels");
            labels.forEach(merged::put);
        }
        if (dependsOn != null) {
            dependsOn.forEach(dependency -> request.withArray("dependsOn").add(dependency.toString()));
        }
        if (!request.has("priority")) {
            request.put("priority", "MEDIUM");
        }
        return request;
    }

    private ObjectNode readFile(ObjectMapper yaml) throws IOException {
        JsonNode read;
        try {
            read = yaml.readTree(file.toFile()); // YAML reads JSON too
        } catch (java.io.FileNotFoundException missing) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        if (!(read instanceof ObjectNode object)) {
            throw new IllegalArgumentException(file + " holds no deployment (a YAML or JSON object)");
        }
        return object;
    }

    private static void put(ObjectNode node, String field, Object value) {
        if (value instanceof Integer number) {
            node.put(field, number);
        } else if (value != null) {
            node.put(field, value.toString());
        }
    }

    private static String preempts(JsonNode result) {
        StringBuilder ids = new StringBuilder();
        result.path("preempts").forEach(id -> ids.append(ids.length() == 0 ? "" : ",").append(id.asText()));
        return ids.toString();
    }
}

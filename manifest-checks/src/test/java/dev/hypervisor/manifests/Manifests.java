package dev.hypervisor.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * The resources of a Kustomize overlay as Kubernetes would receive them: rendered by {@code kubectl kustomize}
 * when kubectl is on the PATH. Without it, the base's resource files are read as they are (the overlay's
 * patches are then not applied, so what the overlays change is checked only where kubectl runs).
 */
final class Manifests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> resources;
    private final boolean rendered;

    private Manifests(List<JsonNode> resources, boolean rendered) {
        this.resources = resources;
        this.rendered = rendered;
    }

    static Manifests of(Path kustomization) {
        if (kubectlAvailable()) {
            return new Manifests(parse(kustomize(kustomization)), true);
        }
        List<JsonNode> resources = new ArrayList<>();
        collect(Repository.path("k8s/base"), resources);
        return new Manifests(resources, false);
    }

    /** True when an overlay was rendered with its patches, false when only the base files were read. */
    boolean rendered() {
        return rendered;
    }

    List<JsonNode> ofKind(String kind) {
        return resources.stream().filter(resource -> kind.equals(resource.path("kind").asText())).toList();
    }

    JsonNode named(String kind, String name) {
        return ofKind(kind).stream().filter(resource -> name.equals(resource.at("/metadata/name").asText()))
                .findFirst().orElse(MissingNode.getInstance());
    }

    /** Every document of the YAML text; SnakeYAML resolves anchors and merge keys ({@code <<: *service}). */
    static List<JsonNode> parse(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    private static void collect(Path directory, List<JsonNode> resources) {
        JsonNode kustomization = parse(Repository.read(directory.resolve("kustomization.yaml"))).get(0);
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = directory.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                collect(resource, resources);
            } else {
                resources.addAll(parse(Repository.read(resource)));
            }
        }
    }

    private static boolean kubectlAvailable() {
        try {
            return run(List.of("kubectl", "version", "--client")).exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String kustomize(Path kustomization) {
        try {
            Finished kubectl = run(List.of("kubectl", "kustomize", kustomization.toString()));
            if (kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomization + " failed (its errors are above)");
            }
            return kubectl.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Finished(int exitValue, String output) {
    }

    private static Finished run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            return new Finished(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}

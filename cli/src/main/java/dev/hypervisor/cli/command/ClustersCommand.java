package dev.hypervisor.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypervisor.cli.output.Table;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clusters", description = "The clusters of your organizations: what is available of their capacity.")
public final class ClustersCommand extends ApiCommand {

    @Option(names = "--org", description = "only this organization's")
    UUID organization;

    @Override
    public Integer call() {
        print(hv.api().get(withQuery("/api/v1/clusters", "organizationId", organization)), answer -> {
                    Table table = new Table("ID", "NAME", "CPU", "MEMORY", "GPU");
                    answer.path("items").forEach(cluster -> table.row(text(cluster, "/id"), text(cluster, "/name"),
                            share(cluster, "cpu"), share(cluster, "memory"), share(cluster, "gpu")));
                    return table;
                });
        return 0;
    }

    /** Available of capacity, as {@code 6/8}. */
    private static String share(JsonNode cluster, String resource) {
        return text(cluster, "/available/" + resource) + "/" + text(cluster, "/capacity/" + resource);
    }
}

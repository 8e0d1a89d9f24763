package dev.hypervisor.cli.command;

import dev.hypervisor.cli.output.Table;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ls", description = "Deployments of your organizations, newest first.")
public final class ListCommand extends ApiCommand {

    @Option(names = "--cluster", description = "only this cluster's")
    UUID cluster;

    @Option(names = "--status", description = "only those with this status: PENDING, RUNNING, COMPLETED...")
    String status;

    @Option(names = "--limit", description = "how many (default 50)")
    Integer limit;

    @Override
    public Integer call() {
        String path = withQuery("/api/v1/deployments", "clusterId", cluster, "status", status, "limit", limit);
        print(hv.api().get(path), answer -> {
            Table table = new Table("ID", "NAME", "CLUSTER", "STATUS", "PRIORITY", "CREATED");
            answer.path("items").forEach(deployment -> table.row(text(deployment, "/id"), text(deployment, "/name"),
                    text(deployment, "/clusterId"), text(deployment, "/status"), text(deployment, "/priority"),
                    text(deployment, "/createdAt")));
            return table;
        });
        return 0;
    }
}

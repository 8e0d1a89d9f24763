package dev.hypervisor.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypervisor.cli.output.Table;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "One deployment: where it is in its life, and why it waits or how it ended.")
public final class GetCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "the deployment's id")
    UUID id;

    @Override
    public Integer call() {
        print(hv.api().get("/api/v1/deployments/" + id), GetCommand::describe);
        return 0;
    }

    /** Field per line, those that are set. */
    static Table describe(JsonNode deployment) {
        Table table = new Table("FIELD", "VALUE");
        String[][] fields = {{"ID", "/id"}, {"NAME", "/name"}, {"CLUSTER", "/clusterId"}, {"QUEUE", "/queue"},
            {"STATUS", "/status"}, {"PRIORITY", "/priority"}, {"IMAGE", "/image"}, {"REPLICAS", "/replicas"},
            {"ATTEMPTS", "/attempts"}, {"CREATED", "/createdAt"}, {"STARTED", "/startedAt"},
            {"FINISHED", "/finishedAt"}, {"FAILURE REASON", "/failureReason"}, {"MESSAGE", "/message"},
            {"PENDING", "/pending/reason"}, {"POSITION", "/pending/position"},
            {"ESTIMATED START", "/pending/estimatedStartAt"}};
        for (String[] field : fields) {
            String value = text(deployment, field[1]);
            if (!value.isEmpty()) {
                table.row(field[0], value);
            }
        }
        table.row("RESOURCES", resources(deployment.path("resources")));
        return table;
    }
}

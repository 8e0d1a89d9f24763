package dev.hypervisor.cli.command;

import dev.hypervisor.cli.output.Table;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "queue", description = "A cluster's pending deployments in the order they will be considered, with"
        + " why each waits (as squeue).")
public final class QueueCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "the cluster's id")
    UUID cluster;

    @Option(names = "--queue", description = "only this queue's")
    String queue;

    @Option(names = "--priority", description = "only this priority's: LOW, MEDIUM or HIGH")
    String priority;

    @Option(names = "--user", description = "only those this user submitted (a user id)")
    UUID user;

    @Option(names = "--limit", description = "how many (default 50, at most 500)")
    Integer limit;

    @Option(names = "--cursor", description = "the next page: the nextCursor of the one before (-o json)")
    String cursor;

    @Override
    public Integer call() {
        String path = withQuery("/api/v1/clusters/" + cluster + "/queue", "queue", queue, "priority", priority,
                "userId", user, "limit", limit, "cursor", cursor);
        print(hv.api().get(path), answer -> {
            Table table = new Table("ID", "NAME", "QUEUE", "PRIORITY", "POSITION", "REASON");
            answer.path("items").forEach(waiting -> table.row(text(waiting, "/id"), text(waiting, "/name"),
                    text(waiting, "/queue"), text(waiting, "/priority"), text(waiting, "/pending/position"),
                    text(waiting, "/pending/reason")));
            return table;
        });
        return 0;
    }
}

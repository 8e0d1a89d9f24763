package dev.hypervisor.cli.command;

import dev.hypervisor.cli.output.Table;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = "Cancel a deployment that has not ended.")
public final class CancelCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "the deployment's id")
    UUID id;

    @Override
    public Integer call() {
        print(hv.api().post("/api/v1/deployments/" + id + "/cancel", null), deployment -> new Table("ID", "NAME",
                "STATUS").row(text(deployment, "/id"), text(deployment, "/name"), text(deployment, "/status")));
        return 0;
    }
}

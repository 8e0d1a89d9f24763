package dev.hypervisor.cli.command;

import dev.hypervisor.cli.output.Table;
import picocli.CommandLine.Command;

@Command(name = "orgs", description = "Your organizations and your role in each.")
public final class OrgsCommand extends ApiCommand {

    @Override
    public Integer call() {
        print(hv.api().get("/api/v1/organizations"), answer -> {
            Table table = new Table("ID", "NAME", "ROLE");
            answer.path("items").forEach(org -> table.row(text(org, "/id"), text(org, "/name"), text(org, "/role")));
            return table;
        });
        return 0;
    }
}

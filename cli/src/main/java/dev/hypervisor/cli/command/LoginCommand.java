package dev.hypervisor.cli.command;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hypervisor.cli.output.Table;
import dev.hypervisor.cli.session.Session;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", description = "Sign in; the session is kept in your configuration directory and refreshed"
        + " as long as its refresh token lasts.")
public final class LoginCommand extends ApiCommand {

    @Option(names = {"-u", "--username"}, required = true, description = "your username or email")
    String username;

    @Option(names = "--password-stdin", description = "read the password from standard input (for scripts)")
    boolean passwordFromStdin;

    @Option(names = "--api", description = "the API's address (default: $HV_API_URL, else http://localhost:8080)")
    String api;

    @Override
    public Integer call() throws IOException {
        Session session = hv.api().login(api == null ? hv.defaultApi() : api, username, password());
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("username", session.username())
                .put("api", session.api()).put("expiresAt", session.expiresAt().toString());
        print(answer, json -> new Table("USERNAME", "API").row(session.username(), session.api()));
        return 0;
    }

    private String password() throws IOException {
        if (passwordFromStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password on standard input");
            }
            return line;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask the password on: use --password-stdin");
        }
        return new String(console.readPassword("Password for %s: ", username));
    }
}

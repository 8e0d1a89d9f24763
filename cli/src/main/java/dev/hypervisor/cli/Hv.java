package dev.hypervisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.cli.api.ApiClient;
import dev.hypervisor.cli.api.RefusedException;
import dev.hypervisor.cli.command.CancelCommand;
import dev.hypervisor.cli.command.ClustersCommand;
import dev.hypervisor.cli.command.GetCommand;
import dev.hypervisor.cli.command.ListCommand;
import dev.hypervisor.cli.command.LoginCommand;
import dev.hypervisor.cli.command.OrgsCommand;
import dev.hypervisor.cli.command.QueueCommand;
import dev.hypervisor.cli.command.SubmitCommand;
import dev.hypervisor.cli.command.WatchCommand;
import dev.hypervisor.cli.output.OutputFormat;
import dev.hypervisor.cli.session.SessionStore;
import dev.hypervisor.common.json.JsonRules;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hv}, Hypervisor's command line (API.md, "Console and command line"). Exit codes: 0 done, 1 refused by the
 * server (the problem's {@code detail} on stderr) or the server out of reach, 2 bad usage.
 */
@Command(name = "hv", mixinStandardHelpOptions = true, version = "hv 0.1.0",
        description = "Hypervisor from a terminal: sign in, see clusters and queues, submit, follow and cancel.",
        subcommands = {LoginCommand.class, OrgsCommand.class, ClustersCommand.class, QueueCommand.class,
                SubmitCommand.class, GetCommand.class, ListCommand.class, CancelCommand.class, WatchCommand.class})
public final class Hv {

    public static final int REFUSED = 1;

    @Option(names = {"-o", "--output"}, scope = CommandLine.ScopeType.INHERIT, defaultValue = "table",
            converter = OutputFormatConverter.class, description = "table (default) or json")
    OutputFormat output = OutputFormat.TABLE;

    private final ApiClient api;
    private final PrintWriter out;
    private final Map<String, String> environment;
    private final ObjectMapper json = JsonRules.newMapper();

    public Hv(ApiClient api, PrintWriter out, Map<String, String> environment) {
        this.api = api;
        this.out = out;
        this.environment = environment;
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        ApiClient api = new ApiClient(new SessionStore(SessionStore.directory(environment)), Clock.systemUTC());
        System.exit(commandLine(api, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                environment).execute(args));
    }

    /** The command line with its exit codes: a refusal is 1 with its detail on stderr, bad usage 2. */
    public static CommandLine commandLine(ApiClient api, PrintWriter out, PrintWriter err,
                                          Map<String, String> environment) {
        CommandLine line = new CommandLine(new Hv(api, out, environment));
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof RefusedException refused) {
                err.println("error: " + refused.getMessage());
                return REFUSED;
            }
            if (failure instanceof IllegalArgumentException bad) {
                err.println("error: " + bad.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            throw failure;
        });
        return line;
    }

    public ApiClient api() {
        return api;
    }

    public PrintWriter out() {
        return out;
    }

    public OutputFormat output() {
        return output;
    }

    /** The API's address for a new login: {@code HV_API_URL}, else the local stack's gateway. */
    public String defaultApi() {
        return environment.getOrDefault("HV_API_URL", "http://localhost:8080");
    }

    /** Prints the API's JSON as it came (indented). */
    public void printJson(JsonNode node) {
        try {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class OutputFormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new CommandLine.TypeConversionException("'" + value + "' is no output format: table or json");
            }
        }
    }
}

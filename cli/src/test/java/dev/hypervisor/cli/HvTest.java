package dev.hypervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.cli.api.ApiClient;
import dev.hypervisor.cli.output.Table;
import dev.hypervisor.cli.session.Session;
import dev.hypervisor.cli.session.SessionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What hv decides without a server: usage, its tables, where and how it keeps the session. */
class HvTest {

    @TempDir
    Path config;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void badUsageExitsTwoAndSaysWhy() {
        assertThat(run("queue")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'CLUSTER'");
        assertThat(run("get", "not-an-id")).isEqualTo(2);
        assertThat(run("ls", "-o", "yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("'yaml' is no output format");
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    @Test
    void withoutASessionACommandIsRefusedAndAsksForALogin() {
        assertThat(run("ls")).isEqualTo(1);
        assertThat(err.toString()).contains("not signed in; run hv login first");
    }

    @Test
    void anUnreachableApiIsARefusalThatSaysWhere() {
        new SessionStore(config).save(new Session("http://localhost:1", "ada", "a", "r",
                Instant.now().plusSeconds(900)));
        assertThat(run("orgs")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the API at http://localhost:1/");
    }

    @Test
    void tablesAlignTheirColumnsAndShowWhatIsMissingAsADash() {
        StringWriter printed = new StringWriter();
        new Table("ID", "NAME", "REASON").row("a1", "train", null).row("b22", "evaluate-model", "WAITING_FOR_DEPENDENCIES")
                .print(new PrintWriter(printed));
        assertThat(printed.toString().lines().toList()).containsExactly(
                "ID   NAME            REASON",
                "a1   train           -",
                "b22  evaluate-model  WAITING_FOR_DEPENDENCIES");
    }

    @Test
    void theSessionIsKeptInTheConfigDirectoryForItsOwnerOnly() throws Exception {
        SessionStore store = new SessionStore(config);
        Session session = new Session("http://localhost:8080", "ada", "access", "refresh",
                Instant.parse("2026-12-06T10:00:00Z"));
        store.save(session);
        assertThat(store.load()).contains(session);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("session.json"))))
                .isEqualTo("rw-------");
        store.forget();
        assertThat(store.load()).isEmpty();
    }

    @Test
    void theConfigDirectoryIsHvConfigDirThenXdgThenHome() {
        assertThat(SessionStore.directory(Map.of("HV_CONFIG_DIR", "/tmp/hv", "XDG_CONFIG_HOME", "/x")))
                .isEqualTo(Path.of("/tmp/hv"));
        assertThat(SessionStore.directory(Map.of("XDG_CONFIG_HOME", "/x"))).isEqualTo(Path.of("/x/hypervisor"));
        assertThat(SessionStore.directory(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"),
                ".config", "hypervisor"));
    }

    private int run(String... args) {
        ApiClient api = new ApiClient(new SessionStore(config), Clock.systemUTC());
        return Hv.commandLine(api, new PrintWriter(out, true), new PrintWriter(err, true), Map.of()).execute(args);
    }
}

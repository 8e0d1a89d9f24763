package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code hv} against the local stack, as its README session runs it: each command's table and {@code -o json}, its
 * exit codes (0, 1 refused with the server's reason, 2 bad usage), {@code hv watch} following a deployment until
 * it ends, and a session whose access token expired refreshed without asking for the password again.
 */
@ExtendWith(SharedStack.class)
class CliIT {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSessionFromLoginToWatchingACancellation(StackUnderTest stack) throws Exception {
        String username = "hv-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, username);
        String cluster = newCluster(stack, organization.getString("accessToken"), organization.getString("id"),
                "terminal", Map.of("cpu", "8", "memory", "16Gi"));
        HvProcess hv = new HvProcess(stack);

        HvProcess.Run login = hv.runWithInput(Gateway.PASSWORD, "login", "-u", username, "--password-stdin");
        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains(username).contains(stack.gateway());
        assertThat(hv.run("login", "-u", username, "--password-stdin").exitCode()).as("no password").isEqualTo(2);

        HvProcess.Run orgs = hv.run("orgs");
        assertThat(orgs.out().lines().findFirst()).hasValueSatisfying(header -> assertThat(header.split("\\s+"))
                .containsExactly("ID", "NAME", "ROLE"));
        assertThat(orgs.out()).contains(organization.getString("id")).contains("OWNER");
        JsonNode orgsJson = json.readTree(hv.run("orgs", "-o", "json").out());
        assertThat(orgsJson.at("/items/0/id").asText()).isEqualTo(organization.getString("id"));

        assertThat(hv.run("clusters").out()).contains(cluster).contains("terminal").contains("8/8");

        String big = idFrom(hv.run("submit", "--cluster", cluster, "--name", "big", "--image",
                "registry.example.com/ml/big:1", "--cpu", "6", "--memory", "1Gi", "-o", "json"));
        awaitStatus(hv, big, "RUNNING");

        HvProcess.Run dryRun = hv.run("submit", "--cluster", cluster, "--name", "waits", "--image",
                "registry.example.com/ml/waits:1", "--cpu", "4", "--memory", "1Gi", "--dry-run");
        assertThat(dryRun.out().lines().skip(1).findFirst()).hasValueSatisfying(row ->
                assertThat(row).startsWith("no").contains("INSUFFICIENT_CAPACITY"));

        Path file = Files.writeString(hv.configDirectory.resolve("waits.yaml"), """
                name: waits
                clusterId: %s
                image: registry.example.com/ml/waits:1
                resources: {cpu: "4", memory: 1Gi}
                """.formatted(cluster));
        HvProcess.Run submitted = hv.run("submit", "-f", file.toString());
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        String waits = submitted.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];

        HvProcess.Run queue = hv.run("queue", cluster);
        assertThat(queue.out().lines().findFirst()).hasValueSatisfying(header -> assertThat(header.split("\\s+"))
                .containsExactly("ID", "NAME", "QUEUE", "PRIORITY", "POSITION", "REASON"));
        assertThat(queue.out().lines().skip(1).findFirst()).hasValueSatisfying(row -> assertThat(row.split("\\s+"))
                .containsExactly(waits, "waits", "-", "MEDIUM", "1", "INSUFFICIENT_CAPACITY"));
        assertThat(json.readTree(hv.run("queue", cluster, "-o", "json").out()).path("total").asInt()).isEqualTo(1);

        assertThat(hv.run("get", waits).out()).containsPattern("STATUS\\s+PENDING").contains("4 cpu, 1Gi memory");
        assertThat(hv.run("ls", "--cluster", cluster).out()).contains(big).contains(waits);

        Process watch = hv.start("watch", waits);
        java.io.BufferedReader watched = new java.io.BufferedReader(new java.io.InputStreamReader(
                watch.getInputStream()));
        assertThat(readUntil(watched, "DeploymentQueued")).as("its events so far").isTrue();
        assertThat(hv.run("cancel", waits).out()).contains("CANCELLED");
        assertThat(readUntil(watched, "DeploymentCancelled")).as("then live").isTrue();
        assertThat(watched.readLine()).as("and it ends with the deployment").isNull();
        assertThat(watch.waitFor()).isZero();

        HvProcess.Run unknown = hv.run("get", UUID.randomUUID().toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("error: deployment ").contains("does not exist");
        assertThat(hv.run("queue").exitCode()).isEqualTo(2);
    }

    @Test
    void anExpiredSessionIsRefreshedWithoutAskingAgain(StackUnderTest stack) throws Exception {
        String username = "hv-" + UUID.randomUUID().toString().substring(0, 8);
        newOrganization(stack, username);
        HvProcess hv = new HvProcess(stack);
        assertThat(hv.runWithInput(Gateway.PASSWORD, "login", "-u", username, "--password-stdin").exitCode()).isZero();
        Path sessionFile = hv.configDirectory.resolve("session.json");
        ObjectNode session = (ObjectNode) json.readTree(sessionFile.toFile());
        // the access token ran out an hour ago (and is no token any more): only the refresh token is left
        session.put("accessToken", "expired").put("expiresAt", "2026-01-01T00:00:00Z");
        json.writeValue(sessionFile.toFile(), session);

        HvProcess.Run orgs = hv.run("orgs");
        assertThat(orgs.exitCode()).as(orgs.err()).isZero();
        assertThat(orgs.out()).contains("OWNER");
        JsonNode refreshed = json.readTree(sessionFile.toFile());
        assertThat(refreshed.path("accessToken").asText()).isNotEqualTo("expired");
        assertThat(refreshed.path("refreshToken").asText()).isNotEqualTo(session.path("refreshToken").asText());
    }

    private String idFrom(HvProcess.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return json.readTree(run.out()).path("id").asText();
    }

    private static void awaitStatus(HvProcess hv, String deployment, String status) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!hv.run("get", deployment).out().matches("(?s).*STATUS\\s+" + status + ".*")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("deployment " + deployment + " was not " + status + " within 30 s");
            }
            Thread.sleep(200);
        }
    }

    /** Reads lines until one contains the text (true) or the output ends (false). */
    private static boolean readUntil(java.io.BufferedReader lines, String text) throws Exception {
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.contains(text)) {
                return true;
            }
        }
        return false;
    }
}

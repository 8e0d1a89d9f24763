package dev.hypervisor.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A native build on a machine without GraalVM must stop at once and say what it needs, not fail minutes later
 * deep inside Quarkus (or, worse, quietly produce a JVM build).
 */
class NativeBuildTest {

    @Test
    void aNativeBuildWithoutGraalVmStopsAndSaysWhatItNeeds() throws Exception {
        List<String> command = new ArrayList<>(List.of(Repository.path("mvnw").toString(), "-B", "-q", "-Pnative",
                "validate", "-pl", "identity-service"));
        String repository = System.getProperty("hv.maven-repository");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        ProcessBuilder maven = new ProcessBuilder(command).directory(Repository.ROOT.toFile()).redirectErrorStream(true);
        maven.environment().remove("GRAALVM_HOME");
        Process process = maven.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("A native build needs GraalVM or Mandrel: set GRAALVM_HOME");
    }
}

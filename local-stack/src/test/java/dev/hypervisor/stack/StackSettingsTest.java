package dev.hypervisor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    private static final Path ROOT = Path.of("/repo");
    private static final Path HOME = Path.of("/repo/.hypervisor");

    @Test
    void defaultsRunEverythingEmbeddedOnTheDocumentedPorts() {
        StackSettings settings = StackSettings.from(Map.of(), ROOT, HOME, false);

        assertThat(List.of(settings.gatewayPort(), settings.identityPort(), settings.clusterPort(),
                settings.schedulerPort(), settings.postgresPort(), settings.kafkaPort()))
                .containsExactly(8080, 8081, 8082, 8083, 15432, 9092);
        assertThat(settings.externalPostgres()).isEmpty();
        assertThat(settings.externalKafka()).isEmpty();
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.url(8080)).isEqualTo("http://localhost:8080");
        assertThat(settings.kafkaBootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.quarkusApp("gateway")).isEqualTo(Path.of("/repo/gateway/target/quarkus-app/quarkus-run.jar"));
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/repo/.hypervisor/data"));
    }

    @Test
    void externalBackingServicesReplaceTheEmbeddedOnes() {
        StackSettings settings = StackSettings.from(Map.of(
                "HV_POSTGRES_URL", "jdbc:postgresql://db:5432",
                "HV_POSTGRES_USER", "admin",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "HV_JAVA_OPTS", " -Xmx1g  -XX:+UseG1GC "), ROOT, HOME, true);

        assertThat(settings.externalPostgres()).contains("jdbc:postgresql://db:5432");
        assertThat(settings.postgresUser()).isEqualTo("admin");
        assertThat(settings.externalKafka()).contains("kafka-1:9092,kafka-2:9092");
        assertThat(settings.javaOptions()).containsExactly("-Xmx1g", "-XX:+UseG1GC");
        assertThat(settings.fresh()).isTrue();
    }

    @Test
    void aPortThatIsNotAPortIsRefusedByName() {
        assertThatThrownBy(() -> StackSettings.from(Map.of("HV_GATEWAY_PORT", "eighty"), ROOT, HOME, false))
                .isInstanceOf(StackException.class)
                .hasMessage("HV_GATEWAY_PORT must be a port number from 1 to 65535, not 'eighty'");
        assertThatThrownBy(() -> StackSettings.from(Map.of("HV_CLUSTER_PORT", "70000"), ROOT, HOME, false))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("HV_CLUSTER_PORT");
    }
}

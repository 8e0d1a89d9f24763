package dev.hypervisor.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypervisor.common.event.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against the services' own configuration: images, ports, variables, topics, ordering. */
class DockerComposeTest {

    private static final List<String> RUNNABLE = List.of("identity-service", "cluster-service", "scheduler-service",
            "gateway");
    private static final Pattern URL = Pattern.compile("^(?:http|jdbc:postgresql)://([a-z0-9-]+):(\\d+)");

    private final JsonNode services = Manifests.parse(Repository.read(Repository.path("docker-compose.yml")))
            .get(0).path("services");

    @Test
    void everyRunnablePartIsBuiltFromItsModuleAndListensOnItsConfiguredPort() {
        for (String module : RUNNABLE) {
            ServiceConfiguration configuration = ServiceConfiguration.of(module);
            JsonNode service = services.path(module);
            assertThat(service.path("image").asText()).as("%s image", module).matches("hypervisor/" + module + ":.+");
            assertThat(service.at("/build/context").asText()).as("%s build context", module).isEqualTo("./" + module);
            assertThat(Repository.path(module).resolve(service.at("/build/dockerfile").asText()))
                    .isEqualTo(ServiceConfiguration.jvmDockerfile(module)).exists();
            assertThat(service.at("/environment/QUARKUS_HTTP_PORT").asInt()).as("%s port", module)
                    .isEqualTo(configuration.httpPort());
            assertThat(service.at("/healthcheck/test").toString()).as("%s health check", module)
                    .contains("/q/health/ready");
        }
        assertThat(services.at("/gateway/ports/0").asText()).isEqualTo("8080:8080");
    }

    @Test
    void everyVariableIsOneTheServiceReads() {
        for (String module : RUNNABLE) {
            ServiceConfiguration configuration = ServiceConfiguration.of(module);
            List<String> names = new ArrayList<>();
            services.path(module).path("environment").fieldNames().forEachRemaining(names::add);
            assertThat(names).as("%s: variables it does not read", module).allMatch(configuration::reads);
        }
    }

    @Test
    void urlsNameComposeServicesOnTheirPorts() {
        for (String module : RUNNABLE) {
            services.path(module).path("environment").fields().forEachRemaining(setting -> {
                Matcher url = URL.matcher(setting.getValue().asText());
                if (url.find()) {
                    String target = url.group(1);
                    assertThat(services.has(target)).as("%s %s: no service %s", module, setting.getKey(), target)
                            .isTrue();
                    int port = Integer.parseInt(url.group(2));
                    if (RUNNABLE.contains(target)) {
                        assertThat(port).as("%s %s", module, setting.getKey())
                                .isEqualTo(ServiceConfiguration.of(target).httpPort());
                    }
                    assertThat(services.path(module).path("depends_on").has(target))
                            .as("%s starts after %s", module, target).isTrue();
                }
            });
        }
    }

    @Test
    void servicesStartOnlyOnceWhatTheyNeedIsHealthy() {
        for (String module : RUNNABLE) {
            services.path(module).path("depends_on").fields().forEachRemaining(dependency ->
                    assertThat(dependency.getValue().path("condition").asText())
                            .as("%s waits for %s", module, dependency.getKey())
                            .isIn("service_healthy", "service_completed_successfully"));
        }
        assertThat(services.at("/scheduler-service/depends_on/kafka-topics/condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    @Test
    void everyTopicTheCodeUsesIsCreated() {
        String script = services.at("/kafka-topics/command").toString();
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(script).contains(topic));
    }
}

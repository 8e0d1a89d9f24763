package dev.hypervisor.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypervisor.common.event.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders each overlay of k8s/ and checks it against what the services themselves say: images, ports, probe
 * paths and environment variable names, the topics the code uses, the gateway's routes, and the basics every
 * Deployment must have.
 */
class KubernetesManifestsTest {

    /** The API services: behind the Ingress, autoscaled. */
    private static final List<String> SERVICES = List.of("identity-service", "cluster-service", "scheduler-service");
    private static final String EXECUTOR = "executor";
    /** On Kubernetes the gateway serves only the web console: the Ingress routes the API itself. */
    private static final String GATEWAY = "gateway";
    private static final String CONSOLE_PATH = "/console";
    /** Everything that runs as a Deployment of its own image. */
    private static final List<String> RUNNABLES = List.of("identity-service", "cluster-service", "scheduler-service",
            EXECUTOR, GATEWAY);
    private static final Pattern IN_CLUSTER_URL = Pattern.compile("http://([a-z0-9-]+):(\\d+)");

    static Stream<String> overlays() {
        return Stream.of("dev", "prod");
    }

    private static Manifests render(String overlay) {
        return Manifests.of(Repository.path("k8s/overlays/" + overlay));
    }

    private static JsonNode container(JsonNode deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertThat(containers.size()).as("%s: containers", name(deployment)).isEqualTo(1);
        return containers.get(0);
    }

    private static String name(JsonNode resource) {
        return resource.at("/metadata/name").asText();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceRunsItsOwnImageOnTheConfiguredPort(String overlay) {
        Manifests manifests = render(overlay);
        assertThat(manifests.ofKind("Deployment")).extracting(KubernetesManifestsTest::name)
                .containsExactlyInAnyOrderElementsOf(RUNNABLES);
        for (String service : RUNNABLES) {
            ServiceConfiguration configuration = ServiceConfiguration.of(service);
            JsonNode container = container(manifests.named("Deployment", service));
            assertThat(container.path("image").asText()).as("%s image", service)
                    .matches("hypervisor/" + service + "(:[\\w.-]+)?");
            assertThat(ServiceConfiguration.jvmDockerfile(service)).as("%s JVM Dockerfile", service).exists();
            assertThat(ServiceConfiguration.nativeDockerfile(service)).as("%s native Dockerfile", service).exists();
            assertThat(Repository.read(ServiceConfiguration.jvmDockerfile(service)))
                    .as("%s Dockerfile EXPOSE", service).contains("EXPOSE " + configuration.httpPort());

            assertThat(container.at("/ports/0/containerPort").asInt()).as("%s container port", service)
                    .isEqualTo(configuration.httpPort());
            JsonNode port = manifests.named("Service", service).at("/spec/ports/0");
            assertThat(port.path("port").asInt()).as("%s Service port", service).isEqualTo(configuration.httpPort());
            assertThat(port.path("targetPort").asText()).as("%s Service targetPort", service)
                    .isIn(container.at("/ports/0/name").asText(), Integer.toString(configuration.httpPort()));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesSelectTheirDeploymentsPods(String overlay) {
        Manifests manifests = render(overlay);
        for (String service : RUNNABLES) {
            JsonNode podLabels = manifests.named("Deployment", service).at("/spec/template/metadata/labels");
            manifests.named("Service", service).at("/spec/selector").fields().forEachRemaining(selector ->
                    assertThat(podLabels.path(selector.getKey()).asText()).as("%s selector %s", service,
                            selector.getKey()).isEqualTo(selector.getValue().asText()));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentProbesTheQuarkusHealthEndpoints(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, String> paths = Map.of("startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready",
                "livenessProbe", "/q/health/live");
        for (JsonNode deployment : manifests.ofKind("Deployment")) {
            JsonNode container = container(deployment);
            paths.forEach((probe, path) -> {
                assertThat(container.at("/" + probe + "/httpGet/path").asText()).as("%s %s", name(deployment), probe)
                        .isEqualTo(path);
                assertThat(container.at("/" + probe + "/httpGet/port").asText()).as("%s %s port", name(deployment),
                        probe).isIn(container.at("/ports/0/name").asText(), container.at("/ports/0/containerPort")
                        .asText());
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasLimitsAndRunsAsNonRootOnAReadOnlyFilesystem(String overlay) {
        for (JsonNode deployment : render(overlay).ofKind("Deployment")) {
            JsonNode container = container(deployment);
            for (String quantity : List.of("/requests/cpu", "/requests/memory", "/limits/cpu", "/limits/memory")) {
                assertThat(container.at("/resources" + quantity).asText()).as("%s resources%s", name(deployment),
                        quantity).isNotEmpty();
            }
            assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean())
                    .as("%s runAsNonRoot", name(deployment)).isTrue();
            assertThat(deployment.at("/spec/template/spec/securityContext/runAsUser").asInt())
                    .as("%s runAsUser", name(deployment)).isPositive();
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                    .as("%s readOnlyRootFilesystem", name(deployment)).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                    .as("%s allowPrivilegeEscalation", name(deployment)).isFalse();
            assertThat(container.at("/volumeMounts").findValuesAsText("mountPath"))
                    .as("%s: a writable /tmp", name(deployment)).contains("/tmp");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shutdownFitsInTheGracePeriod(String overlay) {
        Manifests manifests = render(overlay);
        for (JsonNode deployment : manifests.ofKind("Deployment")) {
            long preStop = container(deployment).at("/lifecycle/preStop/sleep/seconds").asLong();
            String timeout = configMapOf(manifests, deployment).path("QUARKUS_SHUTDOWN_TIMEOUT").asText();
            assertThat(preStop).as("%s preStop sleep", name(deployment)).isPositive();
            assertThat(timeout).as("%s QUARKUS_SHUTDOWN_TIMEOUT", name(deployment)).isNotEmpty();
            long shutdown = Duration.parse("PT" + timeout.toUpperCase()).toSeconds();
            assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong())
                    .as("%s terminationGracePeriodSeconds", name(deployment)).isGreaterThan(preStop + shutdown);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyEnvironmentVariableIsOneTheServiceReads(String overlay) {
        Manifests manifests = render(overlay);
        for (JsonNode deployment : manifests.ofKind("Deployment")) {
            ServiceConfiguration configuration = ServiceConfiguration.of(name(deployment));
            List<String> names = new ArrayList<>();
            container(deployment).path("env").forEach(variable -> names.add(variable.path("name").asText()));
            configMapOf(manifests, deployment).fieldNames().forEachRemaining(names::add);
            assertThat(names).as("%s: variables it does not read", name(deployment))
                    .allMatch(configuration::reads);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void secretsAreReferencedAndDocumentedButNeverCommitted(String overlay) {
        Manifests manifests = render(overlay);
        assertThat(manifests.ofKind("Secret")).as("Secrets with values in k8s/").isEmpty();
        Set<String> referenced = new TreeSet<>();
        manifests.ofKind("Deployment").forEach(deployment -> {
            referenced.addAll(deployment.findValuesAsText("secretName"));
            deployment.findValues("secretKeyRef").forEach(reference -> referenced.add(reference.path("name").asText()));
        });
        manifests.ofKind("Cluster").forEach(database -> database.findValues("secret").forEach(
                reference -> referenced.add(reference.path("name").asText())));
        manifests.ofKind("Cluster").forEach(database -> database.findValues("passwordSecret").forEach(
                reference -> referenced.add(reference.path("name").asText())));
        String readme = Repository.read(Repository.path("README.md"));
        assertThat(referenced).isNotEmpty();
        assertThat(referenced).as("Secrets the README does not show how to create (kubectl ... create secret TYPE NAME)")
                .filteredOn(secret -> !Pattern.compile("create secret \\S+ " + Pattern.quote(secret) + "\\b")
                        .matcher(readme).find())
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void inClusterUrlsNameRealServicesAndPorts(String overlay) {
        Manifests manifests = render(overlay);
        for (JsonNode configMap : manifests.ofKind("ConfigMap")) {
            configMap.path("data").fields().forEachRemaining(setting -> {
                Matcher url = IN_CLUSTER_URL.matcher(setting.getValue().asText());
                while (url.find()) {
                    JsonNode service = manifests.named("Service", url.group(1));
                    assertThat(service.isMissingNode()).as("%s %s: no Service %s", name(configMap), setting.getKey(),
                            url.group(1)).isFalse();
                    assertThat(service.at("/spec/ports").findValuesAsText("port")).as("%s %s: port",
                            name(configMap), setting.getKey()).contains(url.group(2));
                }
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicTheCodeUsesIsDeclared(String overlay) {
        Manifests manifests = render(overlay);
        assertThat(manifests.ofKind("KafkaTopic")).extracting(topic -> topic.at("/spec/topicName").asText())
                .containsExactlyInAnyOrderElementsOf(Topics.ALL);
        String kafka = name(manifests.ofKind("Kafka").get(0));
        assertThat(manifests.ofKind("KafkaTopic")).allSatisfy(topic ->
                assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(kafka));
        assertThat(configMapOf(manifests, manifests.named("Deployment", "scheduler-service"))
                .path("KAFKA_BOOTSTRAP_SERVERS").asText()).startsWith(kafka + "-kafka-bootstrap:");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void schedulerInstancesDoNotOutnumberIntakePartitions(String overlay) {
        Manifests manifests = render(overlay);
        int partitions = manifests.ofKind("KafkaTopic").stream()
                .filter(topic -> Topics.DEPLOYMENT_REQUESTED.equals(topic.at("/spec/topicName").asText()))
                .findFirst().orElseThrow().at("/spec/partitions").asInt();
        assertThat(manifests.named("HorizontalPodAutoscaler", "scheduler-service").at("/spec/maxReplicas").asInt())
                .isBetween(1, partitions);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void autoscalersAndDisruptionBudgetsLeaveRoomToDrainANode(String overlay) {
        Manifests manifests = render(overlay);
        for (String service : SERVICES) {
            JsonNode autoscaler = manifests.named("HorizontalPodAutoscaler", service).path("spec");
            assertThat(autoscaler.at("/scaleTargetRef/name").asText()).isEqualTo(service);
            int minimum = autoscaler.path("minReplicas").asInt();
            assertThat(minimum).as("%s minReplicas", service).isBetween(1, autoscaler.path("maxReplicas").asInt());
            assertThat(manifests.named("Deployment", service).at("/spec/replicas").asInt())
                    .as("%s replicas within the autoscaler's range", service)
                    .isBetween(minimum, autoscaler.path("maxReplicas").asInt());
            JsonNode budget = manifests.named("PodDisruptionBudget", service).path("spec");
            if (budget.has("minAvailable")) {
                assertThat(budget.path("minAvailable").asInt()).as("%s minAvailable", service).isLessThan(minimum);
            } else {
                assertThat(budget.path("maxUnavailable").asInt()).as("%s maxUnavailable", service).isPositive();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theIngressRoutesEveryGatewayPrefixToItsService(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, String> ingressRoutes = new HashMap<>();
        manifests.ofKind("Ingress").forEach(ingress -> ingress.at("/spec/rules").forEach(rule ->
                rule.at("/http/paths").forEach(path -> ingressRoutes.put(path.path("path").asText(),
                        path.at("/backend/service/name").asText() + ":"
                                + path.at("/backend/service/port/number").asText()))));
        Map<String, String> expected = new HashMap<>();
        expected.put(CONSOLE_PATH, GATEWAY + ":" + ServiceConfiguration.of(GATEWAY).httpPort());
        GatewayRoutes.read().forEach((upstream, prefixes) -> {
            String service = upstream + "-service";
            String backend = service + ":" + ServiceConfiguration.of(service).httpPort();
            prefixes.forEach(prefix -> expected.put(prefix.replace("*", "[^/]+"), backend));
        });
        assertThat(ingressRoutes).isEqualTo(expected);
        assertThat(manifests.ofKind("Ingress")).as("event streams pass unbuffered").allSatisfy(ingress ->
                assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-buffering").asText())
                        .isEqualTo("off"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theConsoleIsServedByTheGatewayWithItsPagesAndOnlyTheIngressMayReachIt(String overlay) {
        Manifests manifests = render(overlay);
        assertThat(Repository.read(Repository.path("gateway/pom.xml"))).as("the gateway carries the console's pages")
                .contains("<artifactId>console</artifactId>");
        assertThat(Repository.path("console/src/main/resources/META-INF/resources" + CONSOLE_PATH + "/index.html"))
                .exists();
        assertThat(Repository.read(Repository.path("gateway/src/main/resources/application.properties")))
                .as("the console's pages keep their Content-Security-Policy").contains(
                        "quarkus.http.filter.console.matches=" + CONSOLE_PATH);
        assertThat(manifests.named("Deployment", GATEWAY).at("/spec/replicas").asInt())
                .as("a node drains without the console going away (dev runs everything once)")
                .isGreaterThan(overlay.equals("dev") ? 0 : 1);
        JsonNode policy = manifests.named("NetworkPolicy", GATEWAY);
        assertThat(policy.at("/spec/ingress").findValuesAsText("kubernetes.io/metadata.name"))
                .containsExactlyInAnyOrder("ingress-nginx", "monitoring");
        assertThat(policy.at("/spec/ingress/0/ports").findValuesAsText("port"))
                .containsExactly(Integer.toString(ServiceConfiguration.of(GATEWAY).httpPort()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theExecutorRunsAloneWithRightsOnlyToJobsPodsAndEventsOfItsNamespace(String overlay) {
        Manifests manifests = render(overlay);
        JsonNode executor = manifests.named("Deployment", EXECUTOR);
        assertThat(executor.at("/spec/replicas").asInt()).as("one executor heartbeats for its clusters").isEqualTo(1);
        assertThat(executor.at("/spec/strategy/type").asText()).as("the old one stops before the new one starts")
                .isEqualTo("Recreate");
        String account = executor.at("/spec/template/spec/serviceAccountName").asText();
        assertThat(manifests.named("ServiceAccount", account).isMissingNode()).as("its ServiceAccount").isFalse();
        assertThat(manifests.ofKind("ClusterRole")).as("no rights beyond a namespace").isEmpty();
        assertThat(manifests.ofKind("ClusterRoleBinding")).isEmpty();
        JsonNode binding = manifests.ofKind("RoleBinding").stream()
                .filter(candidate -> candidate.at("/subjects").findValuesAsText("name").contains(account))
                .findFirst().orElseThrow(() -> new AssertionError("no RoleBinding for " + account));
        JsonNode role = manifests.named("Role", binding.at("/roleRef/name").asText());
        Set<String> resources = new TreeSet<>();
        role.at("/rules").forEach(rule -> rule.path("resources").forEach(resource -> resources.add(resource.asText())));
        assertThat(resources).containsExactlyInAnyOrder("jobs", "pods", "events");
        role.at("/rules").forEach(rule -> assertThat(rule.path("verbs").toString()).as("rule %s", rule)
                .doesNotContain("*", "escalate", "bind", "impersonate"));
        assertThat(manifests.named("NetworkPolicy", EXECUTOR).isMissingNode()).as("its NetworkPolicy").isFalse();
        JsonNode listener = manifests.ofKind("Kafka").get(0).at("/spec/kafka/listeners");
        assertThat(listener.findValues("matchLabels")).as("Kafka's listener admits the executor")
                .anySatisfy(labels -> assertThat(labels.path("app.kubernetes.io/name").asText()).isEqualTo(EXECUTOR));
        assertThat(container(executor).path("env").findValues("secretKeyRef")).as("its agent client's secret")
                .anySatisfy(reference -> assertThat(reference.path("name").asText()).isEqualTo("executor-client"));
    }

    private static JsonNode configMapOf(Manifests manifests, JsonNode deployment) {
        String name = container(deployment).at("/envFrom/0/configMapRef/name").asText();
        return manifests.named("ConfigMap", name).path("data");
    }
}

package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.newCloudThing;
import static dev.hypervisor.e2e.Gateway.given;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.platformAdminToken;
import static dev.hypervisor.e2e.Gateway.submit;
import static dev.hypervisor.e2e.Gateway.untilStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A member of organization A (its owner, the strongest role there is) probes every operation of every service,
 * as the OpenAPI documents list them, with the ids of organization B's things: its organization, owner, invite,
 * cluster, deployment, VM, disk, partition, IP address and system; then A's own things pointed at B's (a
 * deployment on B's cluster, a disk on B's VM, A's address moved to B's VM...). Every answer must be exactly
 * the answer a made-up id gets (404 where the id is in the path, or 403 for the few operations A's role may never
 * call whatever the id): B's things do not exist for A. No list A
 * reads names any of B's ids, and B's things are unchanged afterwards. A new operation whose path names a
 * kind of thing this test does not know fails it until the test is taught the kind.
 */
@ExtendWith(SharedStack.class)
class TenantProbeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAMETER = Pattern.compile("([a-z-]+)/\\{[^}]+}");
    /** The platform's catalog: shared by every organization, so not another organization's data. */
    private static final Set<String> CATALOG = Set.of("providers", "data-centers", "pools", "storage-devices",
            "operating-systems", "subnets", "units");
    /** A valid body for each operation that takes one, so that only the ids can make it fail. */
    private static final Map<String, Object> BODIES = Map.ofEntries(
            Map.entry("POST /api/v1/organizations/{id}/invites", Map.of("role", "DEVELOPER")),
            Map.entry("PATCH /api/v1/organizations/{id}/members/{userId}", Map.of("role", "ADMIN")),
            Map.entry("PATCH /api/v1/clusters/{id}", Map.of("name", "taken-over")),
            Map.entry("PUT /api/v1/clusters/{id}/allocations/{consumerId}",
                    Map.of("resources", Map.of("cpu", "1"), "consumerType", "DEPLOYMENT")),
            Map.entry("POST /api/v1/deployments/{id}/status", Map.of("status", "FAILED")),
            Map.entry("POST /api/v1/clusters/{id}/executor/heartbeat",
                    Map.of("executorId", "probe", "running", List.of())),
            Map.entry("PUT /api/v1/clusters/{id}/queues/{name}", Map.of("quota", Map.of("cpu", "1", "memory", "1Gi"))),
            Map.entry("PATCH /api/v1/cloud/vms/{id}", Map.of("name", "taken-over")),
            Map.entry("PATCH /api/v1/cloud/disks/{id}", Map.of("size", "501GiB")),
            Map.entry("PATCH /api/v1/cloud/partitions/{id}", Map.of("filesystem", "xfs")),
            Map.entry("PATCH /api/v1/cloud/ip-addresses/{id}", Map.of("vmId", "{vms}")),
            Map.entry("PATCH /api/v1/cloud/systems/{id}", Map.of("name", "taken-over")));

    /** The shared catalog the tenants' VMs, disks and addresses come from. */
    private record Catalog(String pool, String device, String os, String subnet) {
    }

    /** An organization's owner token and the id of one thing of each kind it has, by collection name. */
    private record Tenant(String token, Map<String, String> ids) {
        String id(String kind) {
            return ids.get(kind);
        }
    }

    @Test
    void aMemberOfAnotherOrganizationFindsNothingOfThisOneAnywhere(StackUnderTest stack) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Catalog catalog = catalog(stack, suffix);
        Tenant victim = tenant(stack, "victim-" + suffix, catalog);
        Tenant prober = tenant(stack, "prober-" + suffix, catalog);
        Map<String, String> before = snapshot(stack, victim);

        List<String> differences = new ArrayList<>();
        int probes = 0;
        for (String service : List.of("identity", "cluster", "scheduler")) {
            JsonNode openApi = JSON.readTree(given(stack).queryParam("format", "json")
                    .get("/" + service + "/q/openapi").asString());
            Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
                while (operations.hasNext()) {
                    Map.Entry<String, JsonNode> operation = operations.next();
                    String method = operation.getKey().toUpperCase();
                    String template = path.getKey();
                    if (!template.contains("{") || isCatalog(template)) {
                        continue;
                    }
                    String operationName = method + " " + template;
                    Object body = BODIES.get(operationName);
                    assertThat(body != null || !operation.getValue().has("requestBody"))
                            .as("TenantProbeIT has a valid body for %s", operationName).isTrue();
                    probes++;
                    Answer withTheirs = send(stack, prober.token(), method, fill(template, victim.ids()),
                            fillBody(body, victim.ids()));
                    Answer withMadeUp = send(stack, prober.token(), method, fill(template, madeUp(victim.ids())),
                            fillBody(body, madeUp(victim.ids())));
                    if (!isNotFoundOrRefusedWhateverTheId(withTheirs) || !withTheirs.equals(withMadeUp)) {
                        differences.add(operationName + ": " + withTheirs + " (a made-up id: " + withMadeUp + ")");
                    }
                }
            }
        }
        for (Probe probe : ownThingsPointedAtTheirs(prober, victim, catalog)) {
            probes++;
            Answer withTheirs = send(stack, prober.token(), probe.method(), probe.path(), probe.theirs());
            Answer withMadeUp = send(stack, prober.token(), probe.method(), probe.path(), probe.madeUp());
            if (withTheirs.status() < 400 || !withTheirs.equals(withMadeUp)) {
                differences.add(probe + ": " + withTheirs + " (a made-up id: " + withMadeUp + ")");
            }
        }

        assertThat(probes).as("probes sent").isGreaterThan(40);
        assertThat(differences).as("answers that tell B's things from things that do not exist").isEmpty();
        assertThat(listsReadBy(stack, prober)).as("lists the prober reads").allSatisfy(list ->
                victim.ids().values().forEach(id -> assertThat(list).doesNotContain(id)));
        assertThat(snapshot(stack, victim)).as("B's things, read by B, after the probes").isEqualTo(before);
    }

    /**
     * 404, or 403 for an operation the prober's role may never call (the ledger's writes are the scheduler's):
     * that refusal does not depend on the id, as the comparison with a made-up id shows.
     */
    private static boolean isNotFoundOrRefusedWhateverTheId(Answer answer) {
        return answer.status() == 404 || answer.status() == 403;
    }

    /** A request of the prober's own, once with one of B's ids in it and once with a made-up id instead. */
    private record Probe(String method, String path, Object theirs, Object madeUp) {
        @Override
        public String toString() {
            return method + " " + path + " " + theirs;
        }
    }

    private static List<Probe> ownThingsPointedAtTheirs(Tenant prober, Tenant victim, Catalog catalog) {
        String made = UUID.randomUUID().toString();
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("POST", "/api/v1/clusters",
                Map.of("name", "inside", "organizationId", victim.id("organizations"),
                        "capacity", Map.of("cpu", "1", "memory", "1Gi")),
                Map.of("name", "inside", "organizationId", made, "capacity", Map.of("cpu", "1", "memory", "1Gi"))));
        probes.add(new Probe("POST", "/api/v1/deployments", deployment(victim.id("clusters"), List.of()),
                deployment(made, List.of())));
        probes.add(new Probe("POST", "/api/v1/deployments",
                deployment(prober.id("clusters"), List.of(victim.id("deployments"))),
                deployment(prober.id("clusters"), List.of(made))));
        probes.add(new Probe("POST", "/api/v1/cloud/vms", vm(victim.id("organizations"), catalog),
                vm(made, catalog)));
        probes.add(new Probe("POST", "/api/v1/cloud/disks",
                Map.of("vmId", victim.id("vms"), "storageDeviceId", catalog.device(), "size", "1GiB"),
                Map.of("vmId", made, "storageDeviceId", catalog.device(), "size", "1GiB")));
        probes.add(new Probe("POST", "/api/v1/cloud/partitions",
                Map.of("diskId", victim.id("disks"), "size", "1GiB", "filesystem", "ext4"),
                Map.of("diskId", made, "size", "1GiB", "filesystem", "ext4")));
        probes.add(new Probe("POST", "/api/v1/cloud/ip-addresses",
                Map.of("subnetId", catalog.subnet(), "vmId", victim.id("vms")),
                Map.of("subnetId", catalog.subnet(), "vmId", made)));
        probes.add(new Probe("PATCH", "/api/v1/cloud/ip-addresses/" + prober.id("ip-addresses"),
                Map.of("vmId", victim.id("vms")), Map.of("vmId", made)));
        probes.add(new Probe("POST", "/api/v1/cloud/systems",
                Map.of("name", "inside", "organizationId", victim.id("organizations")),
                Map.of("name", "inside", "organizationId", made)));
        probes.add(new Probe("POST", "/api/v1/cloud/systems/" + prober.id("systems") + "/vms/" + victim.id("vms"),
                null, null));
        return probes;
    }

    private static Map<String, Object> deployment(String cluster, List<String> dependsOn) {
        Map<String, Object> request = deploymentRequest(cluster, "probe", "MEDIUM", "100m", "64Mi");
        request.put("dependsOn", dependsOn);
        return request;
    }

    private static Map<String, Object> vm(String organization, Catalog catalog) {
        return Map.of("name", "probe", "organizationId", organization, "poolId", catalog.pool(),
                "instanceType", "small", "cpu", "1", "memory", "1Gi", "osId", catalog.os());
    }

    /** What a request answered: its status and, for a problem, its code. */
    private record Answer(int status, String code) {
    }

    private static Answer send(StackUnderTest stack, String token, String method, String path, Object body) {
        RequestSpecification request = as(stack, token).header("If-Match", "*");
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        Response response = request.request(method, path);
        String code = response.statusCode() >= 400 && response.contentType().contains("json")
                ? response.jsonPath().getString("code") : null;
        return new Answer(response.statusCode(), code);
    }

    private static boolean isCatalog(String template) {
        Matcher parameter = PATH_PARAMETER.matcher(template);
        return parameter.find() && CATALOG.contains(parameter.group(1));
    }

    /** The path with each parameter replaced by the tenant's thing of the kind the segment before it names. */
    private static String fill(String template, Map<String, String> ids) {
        Matcher parameter = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String kind = parameter.group(1);
            assertThat(ids).as("TenantProbeIT knows a thing of the kind '%s' (in %s)", kind, template)
                    .containsKey(kind);
            parameter.appendReplacement(path, kind + "/" + ids.get(kind));
        }
        parameter.appendTail(path);
        return path.toString();
    }

    private static Object fillBody(Object body, Map<String, String> ids) {
        if (!(body instanceof Map<?, ?> fields)) {
            return body;
        }
        Map<Object, Object> filled = new LinkedHashMap<>();
        fields.forEach((name, value) -> filled.put(name, value instanceof String text && text.startsWith("{")
                ? ids.get(text.substring(1, text.length() - 1)) : value));
        return filled;
    }

    /** The same kinds of ids, none of which exists. */
    private static Map<String, String> madeUp(Map<String, String> ids) {
        Map<String, String> madeUp = new LinkedHashMap<>();
        ids.keySet().forEach(kind -> madeUp.put(kind, kind.equals("invites")
                ? "HV-" + UUID.randomUUID().toString().replace("-", "") : UUID.randomUUID().toString()));
        return madeUp;
    }

    /** Everything the prober can list, with filters naming B's things where a list takes them. */
    private static List<String> listsReadBy(StackUnderTest stack, Tenant prober) {
        List<String> lists = new ArrayList<>();
        for (String path : List.of("/api/v1/organizations", "/api/v1/clusters", "/api/v1/deployments",
                "/api/v1/cloud/vms", "/api/v1/cloud/disks", "/api/v1/cloud/partitions", "/api/v1/cloud/ip-addresses",
                "/api/v1/cloud/systems")) {
            lists.add(as(stack, prober.token()).get(path).asString());
        }
        return lists;
    }

    /** B's things as B reads them. */
    private static Map<String, String> snapshot(StackUnderTest stack, Tenant tenant) throws Exception {
        Map<String, String> things = new LinkedHashMap<>();
        String organization = "/api/v1/organizations/" + tenant.id("organizations");
        for (String path : List.of(organization, organization + "/members",
                "/api/v1/clusters/" + tenant.id("clusters"),
                "/api/v1/clusters/" + tenant.id("clusters") + "/allocations",
                "/api/v1/clusters/" + tenant.id("clusters") + "/queues",
                "/api/v1/deployments/" + tenant.id("deployments"),
                "/api/v1/cloud/vms/" + tenant.id("vms"), "/api/v1/cloud/disks/" + tenant.id("disks"),
                "/api/v1/cloud/partitions/" + tenant.id("partitions"),
                "/api/v1/cloud/ip-addresses/" + tenant.id("ip-addresses"),
                "/api/v1/cloud/systems/" + tenant.id("systems"))) {
            JsonNode thing = JSON.readTree(as(stack, tenant.token()).get(path).then().statusCode(200).extract()
                    .asString());
            if (thing instanceof ObjectNode fields) {
                fields.remove("executor"); // a cluster's executor block moves with every heartbeat of the stack's own
            }
            things.put(path, thing.toString());
        }
        return things;
    }

    private static Catalog catalog(StackUnderTest stack, String suffix) throws Exception {
        String admin = platformAdminToken(stack);
        String provider = newCloudThing(stack, admin, "providers", Map.of("name", "probe-" + suffix));
        String dataCenter = newCloudThing(stack, admin, "data-centers",
                Map.of("name", "probe-" + suffix, "location", "Lisbon", "providerId", provider));
        String pool = newCloudThing(stack, admin, "pools", Map.of("name", "probe", "dataCenterId", dataCenter,
                "capacity", Map.of("cpu", "64", "memory", "256 GiB", "disk", "10 TB")));
        String device = newCloudThing(stack, admin, "storage-devices",
                Map.of("name", "probe", "poolId", pool, "capacity", "2TiB"));
        String os = newCloudThing(stack, admin, "operating-systems", Map.of("name", "Probe OS " + suffix));
        String subnet = newCloudThing(stack, admin, "subnets", Map.of("dataCenterId", dataCenter, "vlan", 200,
                "cidr", "10.200.0.0/24"));
        return new Catalog(pool, device, os, subnet);
    }

    /** A new organization with one thing of each kind: an invite, a cluster running a deployment, a VM... */
    private static Tenant tenant(StackUnderTest stack, String owner, Catalog catalog) throws Exception {
        JsonPath organization = newOrganization(stack, owner);
        String token = organization.getString("accessToken");
        String organizationId = organization.getString("id");
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("organizations", organizationId);
        ids.put("members", as(stack, token).get("/api/v1/users/me").then().statusCode(200).extract().path("id"));
        ids.put("invites", as(stack, token).contentType(ContentType.JSON).body(Map.of("role", "DEVELOPER"))
                .post("/api/v1/organizations/" + organizationId + "/invites").then().statusCode(201).extract()
                .path("code"));
        String cluster = newCluster(stack, token, organizationId, "probed", Map.of("cpu", "4", "memory", "16Gi"));
        ids.put("clusters", cluster);
        String queue = "team-" + UUID.randomUUID().toString().substring(0, 8); // found in no list of the prober's
        as(stack, token).contentType(ContentType.JSON)
                .body(Map.of("quota", Map.of("cpu", "4", "memory", "16Gi"), "default", true))
                .put("/api/v1/clusters/" + cluster + "/queues/" + queue).then().statusCode(201);
        ids.put("queues", queue);
        String deployment = submit(stack, token, deployment(cluster, List.of()));
        untilStatus(stack, token, deployment, "RUNNING");
        ids.put("deployments", deployment);
        ids.put("allocations", deployment);
        String vm = newCloudThing(stack, token, "vms", vm(organizationId, catalog));
        ids.put("vms", vm);
        String disk = newCloudThing(stack, token, "disks",
                Map.of("vmId", vm, "storageDeviceId", catalog.device(), "size", "10GiB"));
        ids.put("disks", disk);
        ids.put("partitions", newCloudThing(stack, token, "partitions",
                Map.of("diskId", disk, "size", "5GiB", "filesystem", "ext4")));
        ids.put("ip-addresses", newCloudThing(stack, token, "ip-addresses",
                Map.of("subnetId", catalog.subnet(), "vmId", vm)));
        String system = newCloudThing(stack, token, "systems", Map.of("name", "probed", "organizationId", organizationId));
        as(stack, token).post("/api/v1/cloud/systems/" + system + "/vms/" + vm).then().statusCode(200);
        ids.put("systems", system);
        return new Tenant(token, ids);
    }

}

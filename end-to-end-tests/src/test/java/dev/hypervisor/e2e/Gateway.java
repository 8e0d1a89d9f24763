package dev.hypervisor.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Requests to the gateway of a running stack, and the few steps every journey starts with. */
final class Gateway {

    static final String PASSWORD = "a long enough passphrase";
    /** The image every test deployment names; nothing pulls it. */
    static final String IMAGE = "registry.example.com/ml/job:1.0";
    /** The label that tells the local stack's simulated executor how long a deployment runs. */
    static final String RUN_FOR = "hypervisor.dev/run-for";

    private Gateway() {
    }

    static RequestSpecification given(StackUnderTest stack) {
        return RestAssured.given().baseUri(stack.gateway());
    }

    static RequestSpecification as(StackUnderTest stack, String token) {
        return given(stack).auth().oauth2(token);
    }

    static ValidatableResponse register(StackUnderTest stack, String username) {
        return given(stack).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com", "password", PASSWORD))
                .post("/api/v1/auth/register").then();
    }

    static ValidatableResponse login(StackUnderTest stack, String login) {
        return given(stack).contentType(ContentType.JSON).body(Map.of("username", login, "password", PASSWORD))
                .post("/api/v1/auth/login").then();
    }

    /** A new user's access token (registered and logged in). */
    static String newUser(StackUnderTest stack, String username) {
        register(stack, username).statusCode(201);
        return login(stack, username).statusCode(200).extract().path("accessToken");
    }

    /** A new organization of a new user: its id, and the owner's token that names the membership. */
    static JsonPath newOrganization(StackUnderTest stack, String ownerUsername) {
        String owner = newUser(stack, ownerUsername);
        Response created = as(stack, owner).contentType(ContentType.JSON)
                .body(Map.of("name", "Lab of " + ownerUsername)).post("/api/v1/organizations");
        JsonPath organization = created.then().statusCode(201).extract().jsonPath();
        assertLocatesIt(stack, organization.getString("accessToken"), "/api/v1/organizations", created);
        return organization;
    }

    /** A new cluster of the organization with this capacity ({@code cpu}, {@code memory}, {@code gpu}). */
    static String newCluster(StackUnderTest stack, String token, String organizationId, String name,
                             Map<String, Object> capacity) {
        Response created = as(stack, token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "organizationId", organizationId, "capacity", capacity))
                .post("/api/v1/clusters");
        return assertLocatesIt(stack, token, "/api/v1/clusters", created);
    }

    /** Creates a thing of the cloud inventory ({@code /api/v1/cloud/<collection>}) and answers its id. */
    static String newCloudThing(StackUnderTest stack, String token, String collection, Map<String, Object> body) {
        Response created = as(stack, token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cloud/" + collection);
        return assertLocatesIt(stack, token, "/api/v1/cloud/" + collection, created);
    }

    /**
     * Checks a creating POST's answer: 201, with a {@code Location} under the collection on the gateway's own
     * address (as the client called it), which answers the new thing. Answers its id.
     */
    private static String assertLocatesIt(StackUnderTest stack, String token, String collection, Response created) {
        String id = created.then().statusCode(201).extract().path("id");
        String location = created.header("Location");
        if (!(stack.gateway() + collection + "/" + id).equals(location)) {
            throw new AssertionError("POST " + collection + " answered Location " + location + ", not "
                    + stack.gateway() + collection + "/" + id);
        }
        RestAssured.given().auth().oauth2(token).get(location).then().statusCode(200);
        return id;
    }

    /** The platform administrator's token (platform role {@code admin}), with the password the stack generated. */
    static String platformAdminToken(StackUnderTest stack) throws Exception {
        String password = Files.readString(stack.home.resolve("data/secrets/admin-password")).strip();
        return given(stack).contentType(ContentType.JSON).body(Map.of("username", "admin", "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    /** The scheduler's service-account token, as the stack provisioned it. */
    static String schedulerToken(StackUnderTest stack) throws Exception {
        return serviceAccountToken(stack, "scheduler");
    }

    /** The simulated executor's service-account token (platform role {@code agent}). */
    static String executorToken(StackUnderTest stack) throws Exception {
        return serviceAccountToken(stack, "executor");
    }

    private static String serviceAccountToken(StackUnderTest stack, String clientId) throws Exception {
        String secret = Files.readString(stack.home.resolve("data/secrets/" + clientId + "-client-secret")).strip();
        return given(stack).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret).post("/api/v1/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** A request for a deployment with 1Gi of memory, as the five-argument one makes it. */
    static Map<String, Object> deploymentRequest(String cluster, String name, String priority, String cpu) {
        return deploymentRequest(cluster, name, priority, cpu, "1Gi");
    }

    /**
     * A request for a deployment of {@link #IMAGE}; a map the test may add to (labels, dependencies).
     * Without a {@link #RUN_FOR} label the simulated executor leaves it running.
     */
    static Map<String, Object> deploymentRequest(String cluster, String name, String priority, String cpu,
                                                 String memory) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name);
        request.put("clusterId", cluster);
        request.put("image", IMAGE);
        request.put("priority", priority);
        request.put("resources", Map.of("cpu", cpu, "memory", memory));
        return request;
    }

    /** The request, run by the simulated executor for the duration ("300ms", "2s") and then COMPLETED. */
    static Map<String, Object> runningFor(Map<String, Object> request, String duration) {
        request.put("labels", Map.of(RUN_FOR, duration));
        return request;
    }

    /** Submits the deployment through the REST door; answers its id once accepted (202). */
    static String submit(StackUnderTest stack, String token, Map<String, Object> request) {
        return as(stack, token).contentType(ContentType.JSON).body(request).post("/api/v1/deployments").then()
                .statusCode(202).extract().path("id");
    }

    /** The deployment once it has the status (asked until it has, for at most 20 seconds). */
    static JsonPath untilStatus(StackUnderTest stack, String token, String deployment, String status)
            throws InterruptedException {
        return eventually(() -> as(stack, token).get("/api/v1/deployments/" + deployment),
                answer -> status.equals(answer.getString("status")), "deployment " + deployment + " to be " + status);
    }

    /**
     * Asks until the answer satisfies the condition, for at most 20 seconds; scheduling is asynchronous.
     * Answers the last answer's JSON.
     */
    static JsonPath eventually(Supplier<Response> ask, Predicate<JsonPath> condition, String what)
            throws InterruptedException {
        return eventually(ask, condition, what, Duration.ofSeconds(20));
    }

    static JsonPath eventually(Supplier<Response> ask, Predicate<JsonPath> condition, String what, Duration timeout)
            throws InterruptedException {
        JsonPath last = pollUntil(() -> ask.get().then().statusCode(200).extract().jsonPath(), condition, timeout);
        if (!condition.test(last)) {
            throw new AssertionError("timed out waiting for " + what + "; last answer: " + last.prettify());
        }
        return last;
    }

    /**
     * Asks again and again (every 200 ms) until the answer satisfies the condition or the timeout passes; answers
     * the last answer, for the caller's assertions to say what is wrong.
     */
    static <T> T pollUntil(Supplier<T> ask, Predicate<? super T> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = ask.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = ask.get();
        }
        return last;
    }
}

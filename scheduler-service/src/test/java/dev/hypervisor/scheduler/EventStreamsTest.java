package dev.hypervisor.scheduler;

import static dev.hypervisor.scheduler.SchedulerApi.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.stream.ServerSentEvent;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The event streams: a deployment's and a cluster's, as server-sent events. */
@QuarkusTest
class EventStreamsTest {

    private final SchedulerApi api = new SchedulerApi();

    @Test
    void aDeploymentsStreamSendsItsEventsInOrderOnceThenLiveAndEndsWithIt() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        String deployment = api.submit(deployment(cluster, "train", "LOW", "1"));
        api.untilStatus(deployment, "RUNNING");

        try (StreamWatcher stream = StreamWatcher.open("/api/v1/deployments/" + deployment + "/events", api.token)) {
            stream.until(events -> types(events).contains("DeploymentPlaced"), "the placement");
            assertThat(stream.ended()).isFalse();
            api.request().post("/api/v1/deployments/" + deployment + "/cancel").then().statusCode(200);

            List<ServerSentEvent> events = stream.untilEnded();
            assertThat(types(events)).containsExactly("DeploymentQueued", "DeploymentPlaced", "DeploymentCancelled");
            assertThat(events).extracting(ServerSentEvent::id).doesNotHaveDuplicates();
            // each is the envelope as published, as the timeline has it
            JsonPath timeline = api.history(deployment);
            assertThat(events).extracting(ServerSentEvent::id).containsExactlyElementsOf(timeline.getList("items.id"));
            JsonPath last = JsonPath.from(events.get(2).data());
            assertThat(last.getString("type")).isEqualTo("DeploymentCancelled");
            assertThat(last.getString("data.deploymentId")).isEqualTo(deployment);
        }
    }

    @Test
    void aResumedStreamContinuesAfterTheLastEventItHad() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        String deployment = api.submit(deployment(cluster, "train", "LOW", "1"));
        api.untilStatus(deployment, "RUNNING");
        api.report(deployment, "COMPLETED");
        List<ServerSentEvent> all;
        try (StreamWatcher stream = StreamWatcher.open("/api/v1/deployments/" + deployment + "/events", api.token)) {
            all = stream.untilEnded();
        }
        assertThat(types(all)).containsExactly("DeploymentQueued", "DeploymentPlaced", "DeploymentCompleted");

        try (StreamWatcher resumed = StreamWatcher.resume("/api/v1/deployments/" + deployment + "/events",
                api.token, all.get(0).id())) {
            assertThat(resumed.untilEnded()).containsExactlyElementsOf(all.subList(1, 3));
        }
    }

    @Test
    void aClustersStreamSendsEveryEventOfTheClusterFromNowOnAndResumes() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        UUID other = api.newCluster("4", "8Gi");
        String before = api.submit(deployment(cluster, "before", "LOW", "1"));
        api.untilStatus(before, "RUNNING");
        String first;
        try (StreamWatcher stream = StreamWatcher.open("/api/v1/clusters/" + cluster + "/events", api.token)) {
            awaitOpen(stream);
            api.submit(deployment(other, "elsewhere", "LOW", "1"));
            String one = api.submit(deployment(cluster, "one", "LOW", "1"));
            String two = api.submit(deployment(cluster, "two", "LOW", "1"));
            List<ServerSentEvent> events = stream.until(seen -> count(seen, "DeploymentPlaced") == 2, "two placements");
            assertThat(events).extracting(event -> JsonPath.from(event.data()).getString("data.deploymentId"))
                    .containsOnly(one, two);
            assertThat(events).extracting(ServerSentEvent::id).doesNotHaveDuplicates();
            first = events.get(0).id();
            assertThat(stream.ended()).as("a cluster's stream does not end").isFalse();
            // resumed after its first event: the rest, then what follows
            try (StreamWatcher resumed = StreamWatcher.resume("/api/v1/clusters/" + cluster + "/events",
                    api.token, first)) {
                List<ServerSentEvent> rest = resumed.until(seen -> seen.size() >= events.size() - 1, "the rest");
                assertThat(rest.subList(0, events.size() - 1)).containsExactlyElementsOf(
                        events.subList(1, events.size()));
                api.request().post("/api/v1/deployments/" + one + "/cancel").then().statusCode(200);
                resumed.until(seen -> types(seen).contains("DeploymentCancelled"), "the cancellation");
            }
        }
    }

    @Test
    void anotherTenantsStreamsAreNotFoundAndABadLastEventIdIsRefused() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        String deployment = api.submit(deployment(cluster, "train", "LOW", "1"));
        String stranger = TestTokens.current().user(UUID.randomUUID(), Map.of(UUID.randomUUID(), OrgRole.OWNER));
        try (StreamWatcher stream = StreamWatcher.open("/api/v1/deployments/" + deployment + "/events", stranger)) {
            assertThat(stream.status()).isEqualTo(404);
        }
        try (StreamWatcher stream = StreamWatcher.open("/api/v1/clusters/" + cluster + "/events", stranger)) {
            assertThat(stream.status()).isEqualTo(404);
        }
        try (StreamWatcher stream = StreamWatcher.resume("/api/v1/deployments/" + deployment + "/events",
                api.token, "not-an-event-id")) {
            assertThat(stream.status()).isEqualTo(400);
        }
    }

    @Test
    void anIdleStreamGetsKeepAliveComments() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        try (StreamWatcher stream = StreamWatcher.open("/api/v1/clusters/" + cluster + "/events", api.token)) {
            awaitOpen(stream);
            int atOpen = stream.comments();
            // every second in tests (15 s by default): a comment, and no event, while nothing happens
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (stream.comments() < atOpen + 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(stream.comments()).isGreaterThanOrEqualTo(atOpen + 2);
            assertThat(stream.events()).isEmpty();
            assertThat(stream.ended()).isFalse();
        }
    }

    /** The stream is open once its head has come: from then on it gets what is published. */
    private static void awaitOpen(StreamWatcher stream) throws InterruptedException {
        assertThat(stream.status()).isEqualTo(200);
    }

    private static List<String> types(List<ServerSentEvent> events) {
        return events.stream().map(ServerSentEvent::event).toList();
    }

    private static long count(List<ServerSentEvent> events, String type) {
        return events.stream().filter(event -> event.event().equals(type)).count();
    }
}

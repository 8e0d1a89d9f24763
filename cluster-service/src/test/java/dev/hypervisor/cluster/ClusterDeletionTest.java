package dev.hypervisor.cluster;

import static dev.hypervisor.cluster.Tenants.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.cluster.persistence.LiveDeploymentRepository;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentCancelled;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentQueued;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.resources.Resources;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongPredicate;
import dev.hypervisor.runtime.sql.Sql;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A cluster with pending or running deployments cannot be deleted. cluster-service learns which deployments are
 * alive from the scheduler's events on {@code hypervisor.deployment.events}, sent here as the scheduler sends
 * them.
 */
@QuarkusTest
class ClusterDeletionTest {

    private static final Resources SMALL = Resources.of("1", "1Gi", 0);

    @Inject
    LiveDeploymentRepository live;

    @Inject
    Sql sql;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aClusterWithAPendingDeploymentCannotBeDeletedUntilItEnds() throws Exception {
        Tenants tenants = new Tenants();
        UUID cluster = tenants.cluster("4", "8Gi", 0);
        UUID deployment = UUID.randomUUID();

        publish(queued(deployment, cluster, tenants));
        awaitLive(cluster, count -> count == 1);

        as(tenants.owner).delete("/api/v1/clusters/" + cluster).then().statusCode(409)
                .body("code", equalTo("CONFLICT"))
                .body("detail", containsString("1 pending or running deployment"));

        publish(new DeploymentCancelled(deployment, cluster, null, Instant.now()));
        awaitLive(cluster, count -> count == 0);
        as(tenants.owner).delete("/api/v1/clusters/" + cluster).then().statusCode(204);
    }

    @Test
    void aRedeliveredRunOfEventsCountsEachDeploymentOnce() throws Exception {
        Tenants tenants = new Tenants();
        UUID cluster = tenants.cluster("4", "8Gi", 0);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        DeploymentQueued queued = queued(first, cluster, tenants);

        // queued and placed twice over (a redelivery), and a second deployment queued then cancelled
        publish(queued, placed(first, cluster), queued, placed(first, cluster), queued(second, cluster, tenants),
                new DeploymentCancelled(second, cluster, null, Instant.now()));
        // a last one on the same partition: once it counts, every event before it has been applied
        publish(queued(UUID.randomUUID(), cluster, tenants));
        awaitLive(cluster, count -> count >= 2);
        assertThat(live.countOn(cluster)).as("the first deployment and the last one").isEqualTo(2);
    }

    @Test
    void eventsThatCannotBeRecordedAreTriedAgainInOrderUntilTheyAre() throws Exception {
        Tenants tenants = new Tenants();
        UUID cluster = tenants.cluster("4", "8Gi", 0);
        UUID deployment = UUID.randomUUID();
        // the table gone for a moment, as when the database cannot answer: recording fails, then succeeds
        sql.update("ALTER TABLE live_deployments RENAME TO live_deployments_away");
        try {
            publish(queued(deployment, cluster, tenants));
            awaitFailedAttempts(2);
        } finally {
            sql.update("ALTER TABLE live_deployments_away RENAME TO live_deployments");
        }

        awaitLive(cluster, count -> count == 1);
        as(tenants.owner).delete("/api/v1/clusters/" + cluster).then().statusCode(409);
    }

    /** Waits until recording deployment events was tried again at least this many times since the call. */
    private void awaitFailedAttempts(int failures) throws InterruptedException {
        long before = recordingFailures();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (recordingFailures() - before < failures && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(recordingFailures() - before).as("failed attempts to record the events").isGreaterThanOrEqualTo(
                failures);
    }

    private static long recordingFailures() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("ft_retry_retries_total{")
                        && line.contains("DeploymentActivity.follow"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static DeploymentQueued queued(UUID deployment, UUID cluster, Tenants tenants) {
        return new DeploymentQueued(deployment, cluster, tenants.organization, "a", Priority.LOW, SMALL, List.of(),
                Instant.now());
    }

    private static DeploymentPlaced placed(UUID deployment, UUID cluster) {
        return new DeploymentPlaced(deployment, cluster, "a", "registry.example.com/a:1", SMALL, Priority.LOW,
                Map.of(), Instant.now());
    }

    private void publish(DeploymentEvent... events) throws Exception {
        EventCodec codec = new EventCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers, "acks", "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            for (DeploymentEvent event : events) {
                producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_EVENTS, event.clusterId().toString(),
                        codec.encode(EventEnvelope.of("scheduler-service", event, Clock.systemUTC())))).get();
            }
        }
    }

    private void awaitLive(UUID cluster, LongPredicate expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long count = live.countOn(cluster);
        while (!expected.test(count) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            count = live.countOn(cluster);
        }
        assertThat(expected.test(count)).as("live deployments on %s: %d", cluster, count).isTrue();
    }
}

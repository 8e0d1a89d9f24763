package dev.hypervisor.cluster.domain;

import static dev.hypervisor.common.event.DeploymentPreempted.PREEMPTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.ReportedStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentCompleted;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentFailed;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.event.DeploymentPreempting;
import dev.hypervisor.common.event.DeploymentQueued;
import dev.hypervisor.common.event.DeploymentRejected;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.resources.Resources;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveDeploymentsTest {

    private static final UUID CLUSTER = UUID.randomUUID();
    private static final Resources SMALL = Resources.of("1", "1Gi", 0);
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void queuedPlacedPreemptingAndPreemptedDeploymentsAreAliveAndEndedOnesAreNot() {
        UUID waiting = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        UUID preempted = UUID.randomUUID();
        UUID stopping = UUID.randomUUID();
        UUID completed = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();

        LiveDeployments after = LiveDeployments.after(List.of(queued(waiting), queued(running), placed(running),
                placed(preempted), new DeploymentPreempted(preempted, CLUSTER, running, 1, PREEMPTED),
                placed(stopping), new DeploymentPreempting(stopping, CLUSTER, running, NOW, PREEMPTED),
                queued(completed), placed(completed), new DeploymentCompleted(completed, CLUSTER, null, NOW),
                queued(failed), new DeploymentFailed(failed, CLUSTER, "REPORTED", "boom", NOW),
                new DeploymentRejected(rejected, CLUSTER, "EXCEEDS_CLUSTER_CAPACITY", "too big")));

        assertThat(after.alive()).isEqualTo(Map.of(waiting, CLUSTER, running, CLUSTER, preempted, CLUSTER, stopping,
                CLUSTER));
        assertThat(after.ended()).containsExactlyInAnyOrder(completed, failed, rejected);
    }

    @Test
    void theLastEventAboutADeploymentDecidesAndReportsDecideNothing() {
        UUID deployment = UUID.randomUUID();
        List<DeploymentEvent> redelivered = List.of(queued(deployment), placed(deployment),
                new DeploymentCompleted(deployment, CLUSTER, null, NOW), queued(deployment), placed(deployment),
                new DeploymentCompleted(deployment, CLUSTER, null, NOW),
                new DeploymentStatusReported(deployment, CLUSTER, ReportedStatus.COMPLETED, null));

        LiveDeployments after = LiveDeployments.after(redelivered);

        assertThat(after.alive()).isEmpty();
        assertThat(after.ended()).containsExactly(deployment);
        assertThat(LiveDeployments.after(List.of()).isEmpty()).isTrue();
    }

    private static DeploymentQueued queued(UUID deployment) {
        return new DeploymentQueued(deployment, CLUSTER, UUID.randomUUID(), "job", Priority.LOW, SMALL, List.of(),
                NOW);
    }

    private static DeploymentPlaced placed(UUID deployment) {
        return new DeploymentPlaced(deployment, CLUSTER, "job", "registry.example.com/job:1", SMALL, Priority.LOW,
                Map.of(), NOW);
    }
}

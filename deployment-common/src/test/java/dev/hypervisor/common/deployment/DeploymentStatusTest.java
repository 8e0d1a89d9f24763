package dev.hypervisor.common.deployment;

import static dev.hypervisor.common.deployment.DeploymentStatus.CANCELLED;
import static dev.hypervisor.common.deployment.DeploymentStatus.COMPLETED;
import static dev.hypervisor.common.deployment.DeploymentStatus.FAILED;
import static dev.hypervisor.common.deployment.DeploymentStatus.PENDING;
import static dev.hypervisor.common.deployment.DeploymentStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeploymentStatusTest {

    @Test
    void allowsExactlyTheLifecycleMoves() {
        Set<String> allowed = Set.of(
                "PENDING->RUNNING", "PENDING->FAILED", "PENDING->CANCELLED",
                "RUNNING->COMPLETED", "RUNNING->FAILED", "RUNNING->CANCELLED", "RUNNING->PENDING",
                "RUNNING->PREEMPTING", "PREEMPTING->PENDING", "PREEMPTING->COMPLETED", "PREEMPTING->FAILED",
                "PREEMPTING->CANCELLED");
        for (DeploymentStatus from : DeploymentStatus.values()) {
            for (DeploymentStatus to : DeploymentStatus.values()) {
                assertThat(from.canMoveTo(to))
                        .as("%s -> %s", from, to)
                        .isEqualTo(allowed.contains(from + "->" + to));
            }
        }
    }

    @Test
    void finishedDeploymentsStayFinished() {
        assertThat(EnumSet.allOf(DeploymentStatus.class)).filteredOn(DeploymentStatus::isTerminal)
                .containsExactlyInAnyOrder(COMPLETED, FAILED, CANCELLED);
        assertThat(PENDING.isTerminal()).isFalse();
        assertThat(RUNNING.isTerminal()).isFalse();
        assertThat(DeploymentStatus.PREEMPTING.isTerminal()).isFalse();
    }
}

package dev.hypervisor.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.DeploymentStatus;
import org.junit.jupiter.api.Test;

class StatusChangeTest {

    @Test
    void everyChangeIsAMoveDeploymentStatusesTableAllows() {
        for (StatusChange change : StatusChange.values()) {
            assertThat(change.from()).as(change.name()).isNotEmpty()
                    .allSatisfy(from -> assertThat(from.canMoveTo(change.to())).as(from + " -> " + change.to())
                            .isTrue());
        }
    }

    @Test
    void onlyARunningDeploymentCanBeReportedAndOnlyAPendingOneFailsWithItsDependency() {
        assertThat(StatusChange.COMPLETED.appliesTo(DeploymentStatus.PENDING)).isFalse();
        assertThat(StatusChange.FAILED.appliesTo(DeploymentStatus.PENDING)).isFalse();
        assertThat(StatusChange.DEPENDENCY_FAILED.appliesTo(DeploymentStatus.RUNNING)).isFalse();
        assertThat(StatusChange.CANCELLED.fromInWords()).isEqualTo("PENDING or RUNNING or PREEMPTING");
        assertThat(StatusChange.STOPPED.appliesTo(DeploymentStatus.RUNNING)).isFalse();
    }

    @Test
    void nothingMovesAnEndedDeployment() {
        for (StatusChange change : StatusChange.values()) {
            for (DeploymentStatus ended : new DeploymentStatus[] {DeploymentStatus.COMPLETED, DeploymentStatus.FAILED,
                    DeploymentStatus.CANCELLED}) {
                assertThat(change.appliesTo(ended)).as(change + " from " + ended).isFalse();
            }
        }
    }
}

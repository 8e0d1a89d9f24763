package dev.hypervisor.common.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PriorityTest {

    @Test
    void weighsLowMediumHighAsOneTwoThree() {
        assertThat(Priority.LOW.weight()).isEqualTo(1);
        assertThat(Priority.MEDIUM.weight()).isEqualTo(2);
        assertThat(Priority.HIGH.weight()).isEqualTo(3);
        assertThat(Priority.ofWeight(3)).isEqualTo(Priority.HIGH);
        assertThatThrownBy(() -> Priority.ofWeight(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outranksOnlyStrictlyLowerPriorities() {
        assertThat(Priority.HIGH.outranks(Priority.MEDIUM)).isTrue();
        assertThat(Priority.MEDIUM.outranks(Priority.LOW)).isTrue();
        assertThat(Priority.MEDIUM.outranks(Priority.MEDIUM)).isFalse();
        assertThat(Priority.LOW.outranks(Priority.HIGH)).isFalse();
    }
}

package dev.hypervisor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedExecutorTest {

    @Test
    void theRunForLabelTakesMillisecondsSecondsMinutesAndHours() {
        assertThat(SimulatedExecutor.runFor(Map.of(SimulatedExecutor.RUN_FOR, "500ms"))).contains(Duration.ofMillis(500));
        assertThat(SimulatedExecutor.runFor(Map.of(SimulatedExecutor.RUN_FOR, "30s"))).contains(Duration.ofSeconds(30));
        assertThat(SimulatedExecutor.runFor(Map.of(SimulatedExecutor.RUN_FOR, " 2m "))).contains(Duration.ofMinutes(2));
        assertThat(SimulatedExecutor.runFor(Map.of(SimulatedExecutor.RUN_FOR, "1h"))).contains(Duration.ofHours(1));
    }

    @Test
    void withoutAReadableRunForLabelADeploymentIsNotRunHere() {
        assertThat(SimulatedExecutor.runFor(Map.of())).isEmpty();
        assertThat(SimulatedExecutor.runFor(Map.of(SimulatedExecutor.RUN_FOR, "soon"))).isEmpty();
        assertThat(SimulatedExecutor.runFor(Map.of(SimulatedExecutor.RUN_FOR, "-5s"))).isEmpty();
        assertThat(SimulatedExecutor.runFor(Map.of(SimulatedExecutor.RUN_FOR, "5d"))).isEmpty();
    }
}

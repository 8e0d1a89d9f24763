package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.common.resources.Resources;
import jakarta.persistence.Embeddable;

/** Resources as three columns of a row; all three null where the row leaves them out. */
@Embeddable
public record Amounts(Long cpuMillis, Long memoryBytes, Long gpu) {

    static Amounts of(Resources resources) {
        return resources == null ? null
                : new Amounts(resources.cpuMillis(), resources.memoryBytes(), resources.gpu());
    }

    Resources resources() {
        return cpuMillis == null ? null : new Resources(cpuMillis, memoryBytes, gpu);
    }
}

package dev.hypervisor.cluster.service;

import dev.hypervisor.cluster.domain.Shortage;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The 409 of a claim that does not fit, naming each short resource with what was needed and what is free. */
final class InsufficientCapacity {

    private InsufficientCapacity() {
    }

    static ProblemException of(List<Shortage> shortages) {
        String detail = shortages.stream()
                .map(shortage -> "provider " + shortage.providerId() + " " + shortage.describe())
                .collect(Collectors.joining("; "));
        return new ProblemException(Problem.of(ProblemCode.INSUFFICIENT_CAPACITY, detail)
                .with("short", shortages.stream().map(InsufficientCapacity::describe).toList()));
    }

    private static Map<String, Object> describe(Shortage shortage) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("providerId", shortage.providerId());
        entry.put("resource", shortage.resourceClass().jsonName());
        entry.put("needed", shortage.resourceClass().format(shortage.needed()));
        entry.put("free", shortage.resourceClass().format(Math.max(0, shortage.free())));
        entry.put("neededAmount", shortage.needed());
        entry.put("freeAmount", Math.max(0, shortage.free()));
        return entry;
    }
}

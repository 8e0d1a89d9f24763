package dev.hypervisor.scheduler.intake;

import dev.hypervisor.common.problem.FieldError;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.scheduler.domain.QueueQuota;
import dev.hypervisor.scheduler.domain.RunDuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a deployment request must look like, whichever door it came through; a request that breaks any rule is
 * refused with every broken rule named.
 */
public final class SubmissionRules {

    /** Starts with a letter or digit; then letters, digits, '.', '_', '-' or spaces. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$");
    /**
     * An image reference as container runtimes accept it: an optional registry host (with port), a path of
     * lower-case components, then a tag and/or a sha256 digest.
     */
    private static final Pattern IMAGE = Pattern.compile("^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?"
            + "[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*"
            + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");
    private static final int MAX_LABELS = 50;
    private static final int MAX_DEPENDENCIES = 100;
    private static final int MAX_REPLICAS = 1000;

    private SubmissionRules() {
    }

    public static void check(Submission submission) {
        List<FieldError> errors = new ArrayList<>();
        if (submission.name() == null || !NAME.matcher(submission.name()).matches()) {
            errors.add(new FieldError("name", "is 1 to 100 characters: a letter or digit first, then letters,"
                    + " digits, '.', '_', '-' or spaces"));
        }
        if (submission.image() == null || submission.image().length() > 500
                || !IMAGE.matcher(submission.image()).matches()) {
            errors.add(new FieldError("image", "is not an image reference such as"
                    + " registry.example.com/team/trainer:1.4"));
        }
        if (submission.clusterId() == null) {
            errors.add(new FieldError("clusterId", "is required"));
        }
        if (submission.priority() == null) {
            errors.add(new FieldError("priority", "is required: LOW, MEDIUM or HIGH"));
        }
        if (submission.resources() == null) {
            errors.add(new FieldError("resources", "is required"));
        } else {
            if (submission.resources().cpuMillis() <= 0) {
                errors.add(new FieldError("resources.cpu", "must be positive"));
            }
            if (submission.resources().memoryBytes() <= 0) {
                errors.add(new FieldError("resources.memory", "must be positive"));
            }
        }
        if (submission.queue() != null && !QueueQuota.NAME.matcher(submission.queue()).matches()) {
            errors.add(new FieldError("queue", "is a queue's name: 1 to 63 of lower-case letters, digits and '-'"));
        }
        if (submission.maxRunDuration() != null) {
            try {
                RunDuration.parse(submission.maxRunDuration());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("maxRunDuration", e.getMessage()));
            }
        }
        if (submission.retry() != null) {
            submission.retry().problems().forEach((field, problem) ->
                    errors.add(new FieldError("retry." + field, problem)));
        }
        if (submission.replicas() != null && (submission.replicas() < 1 || submission.replicas() > MAX_REPLICAS)) {
            errors.add(new FieldError("replicas", "is 1 to " + MAX_REPLICAS));
        } else if (submission.minReplicas() != null
                && (submission.minReplicas() < 1 || submission.minReplicas() > submission.replicasAsked())) {
            errors.add(new FieldError("minReplicas", "is 1 to replicas (" + submission.replicasAsked() + ")"));
        }
        if (submission.dependsOn().size() > MAX_DEPENDENCIES) {
            errors.add(new FieldError("dependsOn", "names at most " + MAX_DEPENDENCIES + " deployments"));
        }
        if (submission.labels().size() > MAX_LABELS) {
            errors.add(new FieldError("labels", "holds at most " + MAX_LABELS + " labels"));
        }
        for (Map.Entry<String, String> label : submission.labels().entrySet()) {
            if (label.getKey().isBlank() || label.getKey().length() > 100 || label.getValue() == null
                    || label.getValue().length() > 500) {
                errors.add(new FieldError("labels." + label.getKey(),
                        "keys are 1 to 100 characters and values at most 500"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
    }
}

package dev.hypervisor.runtime.nativeimage;

import dev.hypervisor.common.problem.FieldError;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.resources.Resources;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types that Jackson reads or writes outside the REST layer (which Quarkus registers by itself), so that a
 * native executable keeps their constructors and accessors: problem bodies written by hand for errors that
 * never reach a resource method, and resources with their own serializers.
 */
@RegisterForReflection(targets = {Problem.class, FieldError.class, Resources.class},
        classNames = {"dev.hypervisor.common.resources.ResourcesJson$Writer",
                "dev.hypervisor.common.resources.ResourcesJson$Reader"})
public final class SharedTypesForReflection {

    private SharedTypesForReflection() {
    }
}

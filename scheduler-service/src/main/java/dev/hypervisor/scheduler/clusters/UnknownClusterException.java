package dev.hypervisor.scheduler.clusters;

import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import java.util.UUID;

/** cluster-service knows no such cluster (any more): a 404 to a caller, and the end of the cluster's deployments. */
public class UnknownClusterException extends ProblemException {

    private final UUID clusterId;

    public UnknownClusterException(UUID clusterId) {
        super(ProblemCode.NOT_FOUND, "cluster " + clusterId + " does not exist or is not visible to you");
        this.clusterId = clusterId;
    }

    public UUID clusterId() {
        return clusterId;
    }
}

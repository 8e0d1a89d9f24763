package dev.hypervisor.cluster.health;

import dev.hypervisor.cluster.service.LedgerAudit;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The ledger audit as a health check, in its own group ({@code /q/health/group/ledger}): a discrepancy must be
 * looked into, but must not make Kubernetes restart the service or stop its traffic, so it is neither a liveness
 * nor a readiness check.
 */
@HealthGroup("ledger")
@ApplicationScoped
public class LedgerHealth implements HealthCheck {

    private static final int SHOWN = 20;

    private final LedgerAudit audit;

    public LedgerHealth(LedgerAudit audit) {
        this.audit = audit;
    }

    @Override
    public HealthCheckResponse call() {
        List<LedgerAudit.Discrepancy> discrepancies = audit.run();
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("Ledger adds up")
                .status(discrepancies.isEmpty())
                .withData("discrepancies", discrepancies.size());
        for (int i = 0; i < Math.min(SHOWN, discrepancies.size()); i++) {
            answer.withData("discrepancy " + (i + 1), discrepancies.get(i).describe());
        }
        return answer.build();
    }
}

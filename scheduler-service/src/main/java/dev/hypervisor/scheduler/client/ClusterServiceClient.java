package dev.hypervisor.scheduler.client;

import dev.hypervisor.common.time.DurationText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * cluster-service as the scheduler uses it, with the scheduler's service token: reading clusters, and claiming
 * and releasing capacity in the ledger with the deployment id as the consumer id (so every call is idempotent).
 * A call that gets no answer (refused, cut, timed out, or the circuit open: see {@link ClusterServiceGuard}), or an
 * answer it cannot use, is an {@link UpstreamException}; a 401 is asked once more with a new token.
 */
@ApplicationScoped
public class ClusterServiceClient {

    private static final int CLAIMS_PER_PAGE = 500;

    private final ClusterServiceApi api;
    private final ClusterServiceGuard guard;
    private final ServiceToken token;

    public ClusterServiceClient(@RestClient ClusterServiceApi api, ClusterServiceGuard guard, ServiceToken token) {
        this.api = api;
        this.guard = guard;
        this.token = token;
    }

    /** The cluster, or empty when cluster-service knows no such cluster. */
    public Optional<ClusterInfo> cluster(UUID id) {
        return call("GET cluster " + id, bearer -> api.cluster(bearer, id), answer -> switch (answer.getStatus()) {
            case 200 -> {
                ClusterServiceApi.Cluster cluster = answer.readEntity(ClusterServiceApi.Cluster.class);
                yield Optional.of(new ClusterInfo(id, cluster.organizationId(), cluster.capacity(),
                        !"NEVER".equals(cluster.preemption()), cluster.preemptionGracePeriod() == null ? Duration.ZERO
                                : DurationText.parse(cluster.preemptionGracePeriod())));
            }
            case 404 -> Optional.empty();
            default -> throw unexpected("GET cluster " + id, answer);
        });
    }

    /** The changes of several clusters in one ledger batch: all of them or nothing. */
    public LedgerAnswer allocate(List<LedgerChange> changes) {
        List<ClusterServiceApi.Claim> claims = new ArrayList<>();
        List<ClusterServiceApi.Release> releases = new ArrayList<>();
        for (LedgerChange change : changes) {
            change.claims().forEach((deployment, resources) -> claims.add(
                    new ClusterServiceApi.Claim(change.clusterId(), deployment, resources, "DEPLOYMENT")));
            change.releases().forEach(deployment -> releases.add(
                    new ClusterServiceApi.Release(change.clusterId(), deployment)));
        }
        ClusterServiceApi.Batch batch = new ClusterServiceApi.Batch(claims, releases);
        return call("POST allocations", bearer -> api.allocate(bearer, batch), answer -> switch (answer.getStatus()) {
            case 200 -> LedgerAnswer.APPLIED;
            case 409 -> LedgerAnswer.INSUFFICIENT_CAPACITY;
            case 404 -> LedgerAnswer.UNKNOWN_CLUSTER;
            default -> throw unexpected("POST allocations", answer);
        });
    }

    /** The consumers holding claims on the cluster, to reconcile them with the deployments that run. */
    public List<UUID> claimHolders(UUID clusterId) {
        List<UUID> holders = new ArrayList<>();
        String cursor = null;
        do {
            String after = cursor;
            ClusterServiceApi.ClaimPage page = call("GET claims of " + clusterId,
                    bearer -> api.claims(bearer, clusterId, CLAIMS_PER_PAGE, after), answer -> {
                        if (answer.getStatus() != 200) {
                            throw unexpected("GET claims of " + clusterId, answer);
                        }
                        return answer.readEntity(ClusterServiceApi.ClaimPage.class);
                    });
            page.items().forEach(holder -> holders.add(holder.consumerId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return holders;
    }

    /** Calls with the service token (a new one after a 401) and reads the answer; the answer is closed after. */
    private <T> T call(String what, Function<String, Response> request, Function<Response, T> reading) {
        try {
            Response first = send(request);
            if (first.getStatus() == 401) {
                first.close();
                token.invalidate();
            }
            try (Response answer = first.getStatus() == 401 ? send(request) : first) {
                return reading.apply(answer);
            }
        } catch (ProcessingException | FaultToleranceException unanswered) {
            throw new UpstreamException("cluster-service did not answer " + what + ": " + unanswered.getMessage(),
                    unanswered);
        }
    }

    private Response send(Function<String, Response> request) {
        String bearer = token.bearer(); // outside the guard: identity-service's trouble is not cluster-service's
        return guard.call(() -> request.apply(bearer));
    }

    private static UpstreamException unexpected(String what, Response answer) {
        return new UpstreamException("cluster-service answered " + answer.getStatus() + " to " + what + ": "
                + answer.readEntity(String.class));
    }
}

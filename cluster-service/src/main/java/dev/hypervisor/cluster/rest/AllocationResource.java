package dev.hypervisor.cluster.rest;

import dev.hypervisor.cluster.domain.ConsumerType;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.rest.ClusterDtos.BatchRequest;
import dev.hypervisor.cluster.rest.ClusterDtos.BatchResult;
import dev.hypervisor.cluster.service.LedgerRequest;
import dev.hypervisor.cluster.service.LedgerService;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/allocations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(PlatformRole.SERVICE)
@SecurityRequirement(name = "bearer")
@Tag(name = "Clusters")
public class AllocationResource {

    private final LedgerService ledger;
    private final CurrentCaller caller;

    public AllocationResource(LedgerService ledger, CurrentCaller caller) {
        this.ledger = ledger;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Claim and release for many consumers at once, all or nothing (the service role)",
            description = "Releases make room for the claims of the same batch, so a preemption swap fits when its"
                    + " end state fits. Each consumer may appear once. Up to 1000 claims and 1000 releases.")
    @APIResponse(responseCode = "200", description = "Everything was applied")
    @APIResponse(responseCode = "409", description = "Something did not fit (INSUFFICIENT_CAPACITY); nothing changed")
    public CompletionStage<BatchResult> apply(@Valid @NotNull BatchRequest request) {
        List<ClusterDtos.BatchClaim> claims = request.claims() == null ? List.of() : request.claims();
        List<ClusterDtos.BatchRelease> releases = request.releases() == null ? List.of() : request.releases();
        return ledger.apply(new LedgerRequest(
                claims.stream().map(claim -> new LedgerRequest.Claim(claim.clusterId(), claim.consumerId(),
                        claim.consumerType() == null ? ConsumerType.DEPLOYMENT : claim.consumerType(),
                        ResourceClass.amountsOf(claim.resources()))).toList(),
                releases.stream().map(release -> new LedgerRequest.Release(release.clusterId(), release.consumerId()))
                        .toList(),
                caller.get().subject(), request.reason()))
                .thenApply(applied -> new BatchResult(claims, releases));
    }
}

package dev.hypervisor.cluster.service;

import dev.hypervisor.cluster.domain.ConsumerType;
import dev.hypervisor.cluster.domain.Inventory;
import dev.hypervisor.cluster.domain.Preemption;
import dev.hypervisor.cluster.domain.PreemptionGrace;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.persistence.ClusterRecord;
import dev.hypervisor.cluster.persistence.ClusterRepository;
import dev.hypervisor.cluster.persistence.LedgerRepository;
import dev.hypervisor.cluster.persistence.LiveDeploymentRepository;
import dev.hypervisor.cluster.persistence.LedgerRepository.JournalRow;
import dev.hypervisor.cluster.persistence.LedgerRepository.StoredClaim;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.rest.Cursor;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.runtime.sql.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Clusters: an organization's capacity, kept as inventories in the ledger under the cluster's id. Members read,
 * admins and owners change; the platform's service accounts read any cluster (the scheduler checks requests
 * against capacity). For anyone else a cluster does not exist.
 */
@ApplicationScoped
public class ClusterService {

    private static final String PROVIDER_KIND = "CLUSTER";
    private static final List<ResourceClass> COMPUTE = List.of(ResourceClass.CPU, ResourceClass.MEMORY, ResourceClass.GPU);

    private final ClusterRepository clusters;
    private final LedgerRepository ledger;
    private final ProviderCapacity providers;
    private final LedgerClaims poolClaims;
    private final LiveDeploymentRepository liveDeployments;
    private final Clock clock;

    public ClusterService(ClusterRepository clusters, LedgerRepository ledger, ProviderCapacity providers,
                          LedgerClaims poolClaims, LiveDeploymentRepository liveDeployments, Clock clock) {
        this.clusters = clusters;
        this.ledger = ledger;
        this.providers = providers;
        this.poolClaims = poolClaims;
        this.liveDeployments = liveDeployments;
        this.clock = clock;
    }

    /** A cluster with its capacity, what is claimed of it, and what is left. */
    public record ClusterState(ClusterRecord cluster, Resources capacity, Resources allocated) {
        public Resources available() {
            return capacity.minus(allocated);
        }
    }

    /** What a PATCH asks to change; absent parts stay as they are. */
    public record ClusterChange(Optional<String> name, Optional<Resources> capacity, Optional<Preemption> preemption,
                                Optional<String> preemptionGracePeriod) {
    }

    @Transactional
    public ClusterState create(Caller caller, String name, UUID organizationId, Resources capacity,
                               Optional<UUID> poolId, Optional<Preemption> preemption,
                               Optional<String> preemptionGracePeriod) {
        caller.requireRole(organizationId, OrgRole.ADMIN, "organization " + organizationId);
        requireUsable(capacity);
        if (poolId.isPresent() && !ledger.providerKind(poolId.get()).filter("POOL"::equals).isPresent()) {
            throw new InvalidFieldException("poolId", "no pool " + poolId.get() + " exists");
        }
        Instant now = clock.instant();
        ClusterRecord cluster = new ClusterRecord(UUID.randomUUID(), organizationId, name.strip(),
                caller.userId(), preemption.orElse(Preemption.LOWER_PRIORITY), 1, now, poolId.orElse(null),
                preemptionGracePeriod.map(ClusterService::gracePeriod).orElse(Duration.ZERO));
        providers.create(cluster.id(), PROVIDER_KIND, poolId.orElse(null), COMPUTE, ResourceClass.amountsOf(capacity));
        if (!clusters.insert(cluster)) {
            throw ProblemException.conflict("the organization already has a cluster named '" + cluster.name() + "'");
        }
        holdFromPool(caller, cluster, capacity);
        return new ClusterState(cluster, capacity, Resources.ZERO);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ClusterState> list(Caller caller, Optional<UUID> organizationId, PageRequest page) {
        Set<UUID> organizations = caller.memberships().keySet();
        if (organizationId.isPresent()) {
            caller.requireRole(organizationId.get(), OrgRole.VIEWER, "organization " + organizationId.get());
            organizations = Set.of(organizationId.get());
        }
        if (organizations.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        List<ClusterRecord> found = clusters.listIn(organizations, page.time(0), page.id(1), page.fetchSize());
        Map<UUID, Map<ResourceClass, Inventory>> inventories =
                ledger.inventoriesOf(found.stream().map(ClusterRecord::id).toList());
        return Page.of(found, page, cluster -> Cursor.encode(cluster.createdAt().toString(), cluster.id().toString()))
                .map(cluster -> state(cluster, inventories.getOrDefault(cluster.id(), Map.of())));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ClusterState get(Caller caller, UUID id) {
        ClusterRecord cluster = readable(caller, id);
        return state(cluster, ledger.inventoriesOf(id));
    }

    /**
     * Renames, resizes or changes the preemption setting. A resize must name the generation it was decided on
     * ({@code If-Match}), and may not shrink any resource below what is claimed of it.
     */
    @Transactional
    public ClusterState change(Caller caller, UUID id, Optional<Long> expectedGeneration, ClusterChange change) {
        ClusterRecord cluster = clusters.lock(id).orElseThrow(() -> notFound(id));
        caller.requireRole(cluster.organizationId(), OrgRole.ADMIN, "cluster " + id);
        if (change.capacity().isPresent()) {
            IfMatch.requiredForResize("cluster", expectedGeneration);
        }
        long generation = expectedGeneration.orElse(cluster.generation());
        if (generation != cluster.generation()) {
            throw stale(cluster);
        }
        change.capacity().ifPresent(capacity -> resize(caller, cluster, capacity));
        ClusterRecord updated;
        try {
            updated = clusters.update(id, generation, change.name().map(String::strip).orElse(cluster.name()),
                            change.preemption().orElse(cluster.preemption()),
                            change.preemptionGracePeriod().map(ClusterService::gracePeriod)
                                    .orElse(cluster.preemptionGracePeriod()))
                    .orElseThrow(() -> stale(cluster));
        } catch (DataAccessException e) {
            if (e.isUniqueViolation()) {
                throw ProblemException.conflict("the organization already has a cluster named '"
                        + change.name().orElseThrow().strip() + "'");
            }
            throw e;
        }
        return state(updated, ledger.inventoriesOf(id));
    }

    /** The grace period the text names; 422 naming the field when it is none, or out of range. */
    private static Duration gracePeriod(String text) {
        try {
            return PreemptionGrace.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("preemptionGracePeriod", e.getMessage());
        }
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        ClusterRecord cluster = clusters.lock(id).orElseThrow(() -> notFound(id));
        caller.requireRole(cluster.organizationId(), OrgRole.ADMIN, "cluster " + id);
        if (providers.claimed(id)) {
            throw ProblemException.conflict("the cluster still has claims; release them (stop its deployments) first");
        }
        long live = liveDeployments.countOn(id);
        if (live > 0) {
            throw ProblemException.conflict("the cluster has " + live + " pending or running deployment"
                    + (live == 1 ? "" : "s") + "; cancel them (or let them end) first");
        }
        if (cluster.poolId() != null) {
            poolClaims.release(cluster.poolId(), id, caller.subject(), "cluster " + cluster.name() + " deleted");
        }
        clusters.delete(id);
        providers.delete(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<StoredClaim> claims(Caller caller, UUID id, PageRequest page) {
        readable(caller, id);
        return Page.of(ledger.claimsOn(id, page.time(0), page.id(1), page.fetchSize()), page,
                claim -> Cursor.encode(claim.claimedAt().toString(), claim.key().consumerId().toString()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<JournalRow> journal(Caller caller, UUID id, PageRequest page) {
        ClusterRecord cluster = clusters.find(id).orElseThrow(() -> notFound(id));
        caller.requireRole(cluster.organizationId(), OrgRole.ADMIN, "cluster " + id);
        long before = page.after().isEmpty() ? Long.MAX_VALUE : parseSeq(page.text(0));
        return Page.of(ledger.journalOf(id, before, page.fetchSize()), page,
                row -> Cursor.encode(Long.toString(row.seq())));
    }

    private void resize(Caller caller, ClusterRecord cluster, Resources capacity) {
        requireUsable(capacity);
        providers.resize(cluster.id(), COMPUTE, ResourceClass.amountsOf(capacity), caller.subject(), "capacity.",
                "cluster");
        holdFromPool(caller, cluster, capacity);
    }

    /** A pool-backed cluster holds its CPU and memory from its pool (pools do not account GPUs). */
    private void holdFromPool(Caller caller, ClusterRecord cluster, Resources capacity) {
        if (cluster.poolId() == null) {
            return;
        }
        Map<ResourceClass, Long> amounts = new EnumMap<>(ResourceClass.class);
        amounts.put(ResourceClass.CPU, capacity.cpuMillis());
        amounts.put(ResourceClass.MEMORY, capacity.memoryBytes());
        poolClaims.hold(cluster.poolId(), cluster.id(), ConsumerType.CLUSTER, amounts, caller.subject(),
                "cluster " + cluster.name(), "poolId");
    }

    private ClusterRecord readable(Caller caller, UUID id) {
        ClusterRecord cluster = clusters.find(id).orElseThrow(() -> notFound(id));
        if (!caller.hasPlatformRole(PlatformRole.SERVICE)) {
            caller.requireRole(cluster.organizationId(), OrgRole.VIEWER, "cluster " + id);
        }
        return cluster;
    }

    private static ClusterState state(ClusterRecord cluster, Map<ResourceClass, Inventory> inventories) {
        Map<ResourceClass, Long> capacity = new EnumMap<>(ResourceClass.class);
        Map<ResourceClass, Long> used = new EnumMap<>(ResourceClass.class);
        inventories.forEach((resourceClass, inventory) -> {
            capacity.put(resourceClass, inventory.capacity());
            used.put(resourceClass, inventory.used());
        });
        return new ClusterState(cluster, ResourceClass.resourcesOf(capacity), ResourceClass.resourcesOf(used));
    }

    private static void requireUsable(Resources capacity) {
        if (capacity.cpuMillis() == 0 || capacity.memoryBytes() == 0) {
            throw new InvalidFieldException("capacity", "a cluster needs some CPU and some memory");
        }
    }

    private static long parseSeq(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("cursor", "is not a cursor this API gave out");
        }
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("cluster " + id);
    }

    private static ProblemException stale(ClusterRecord cluster) {
        return IfMatch.stale("cluster", cluster.generation());
    }
}

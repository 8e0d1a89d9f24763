package dev.hypervisor.cluster.inventory.service;

import dev.hypervisor.cluster.domain.ConsumerType;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.inventory.domain.VmStatus;
import dev.hypervisor.cluster.inventory.persistence.CatalogTables;
import dev.hypervisor.cluster.inventory.persistence.DiskRepository;
import dev.hypervisor.cluster.inventory.persistence.NetworkRepository;
import dev.hypervisor.cluster.inventory.persistence.VmRecord;
import dev.hypervisor.cluster.inventory.persistence.VmRepository;
import dev.hypervisor.cluster.service.IfMatch;
import dev.hypervisor.cluster.service.LedgerClaims;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.runtime.rest.Cursor;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.runtime.sql.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Organizations' virtual machines. A VM claims its CPU and memory from its pool under its own id, in the same
 * transaction that stores it, resizes by claiming again, and releases when it is deleted; a pool that cannot
 * take it answers the ledger's 409. DEVELOPERs and above of the organization change VMs, members read them, and
 * for anyone else they do not exist.
 */
@ApplicationScoped
public class VmService {

    /** What a new VM is: its operating system from the catalog ({@code osId}) or a custom one, exactly one. */
    public record NewVm(String name, UUID organizationId, UUID poolId, String instanceType, long cpuMillis,
                        long memoryBytes, UUID osId, String customOs) {
    }

    /** What a PATCH asks to change; absent parts stay as they are. */
    public record VmChange(Optional<String> name, Optional<String> instanceType, Optional<VmStatus> status,
                           Optional<Long> cpuMillis, Optional<Long> memoryBytes) {

        boolean resizes() {
            return cpuMillis.isPresent() || memoryBytes.isPresent();
        }
    }

    private final VmRepository vms;
    private final DiskRepository disks;
    private final NetworkRepository network;
    private final CatalogTables catalog;
    private final LedgerClaims claims;
    private final Clock clock;

    public VmService(VmRepository vms, DiskRepository disks, NetworkRepository network, CatalogTables catalog,
                     LedgerClaims claims, Clock clock) {
        this.vms = vms;
        this.disks = disks;
        this.network = network;
        this.catalog = catalog;
        this.claims = claims;
        this.clock = clock;
    }

    @Transactional
    public VmRecord create(Caller caller, NewVm request) {
        caller.requireRole(request.organizationId(), OrgRole.DEVELOPER, "organization " + request.organizationId());
        if ((request.osId() == null) == (request.customOs() == null)) {
            throw new InvalidFieldException("osId", "name an operating system from the catalog (osId) or a custom"
                    + " one (customOs): exactly one of them");
        }
        if (request.osId() != null && catalog.operatingSystems().find(request.osId()).isEmpty()) {
            throw new InvalidFieldException("osId", "no operating system " + request.osId() + " is in the catalog");
        }
        if (catalog.pools().find(request.poolId()).isEmpty()) {
            throw new InvalidFieldException("poolId", "no pool " + request.poolId() + " exists");
        }
        Instant now = clock.instant();
        VmRecord vm = new VmRecord(UUID.randomUUID(), request.organizationId(), request.poolId(),
                request.name().strip(), request.instanceType().strip(), VmStatus.PROVISIONING, request.cpuMillis(),
                request.memoryBytes(), request.osId(), request.customOs() == null ? null : request.customOs().strip(),
                caller.userId(), 1, now, now);
        if (!vms.insert(vm)) {
            throw ProblemException.conflict("the organization already has a VM named '" + vm.name() + "'");
        }
        hold(caller, vm);
        return vm;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public VmRecord get(Caller caller, UUID id) {
        VmRecord vm = vms.find(id).orElseThrow(() -> notFound(id));
        caller.requireRole(vm.organizationId(), OrgRole.VIEWER, "VM " + id);
        return vm;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<VmRecord> list(Caller caller, Optional<UUID> organizationId, Optional<UUID> poolId,
                               Optional<VmStatus> status, PageRequest page) {
        Set<UUID> organizations = caller.memberships().keySet();
        if (organizationId.isPresent()) {
            caller.requireRole(organizationId.get(), OrgRole.VIEWER, "organization " + organizationId.get());
            organizations = Set.of(organizationId.get());
        }
        if (organizations.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        return Page.of(vms.list(organizations, poolId, status, page.time(0), page.id(1), page.fetchSize()), page,
                vm -> Cursor.encode(vm.createdAt().toString(), vm.id().toString()));
    }

    /**
     * Renames, moves through the status machine, or resizes (which claims the new size from the pool and needs
     * If-Match with the VM's ETag).
     */
    @Transactional
    public VmRecord change(Caller caller, UUID id, Optional<Long> expectedVersion, VmChange change) {
        VmRecord vm = vms.lock(id).orElseThrow(() -> notFound(id));
        caller.requireRole(vm.organizationId(), OrgRole.DEVELOPER, "VM " + id);
        if (change.resizes()) {
            IfMatch.requiredForResize("VM", expectedVersion);
        }
        IfMatch.requireCurrent("VM", expectedVersion, vm.version());
        VmStatus status = change.status().orElse(vm.status());
        if (!vm.status().canMoveTo(status)) {
            throw ProblemException.conflict("a VM that is " + vm.status() + " can become " + vm.status().next()
                    + ", not " + status);
        }
        VmRecord changed = new VmRecord(vm.id(), vm.organizationId(), vm.poolId(),
                change.name().map(String::strip).orElse(vm.name()),
                change.instanceType().map(String::strip).orElse(vm.instanceType()), status,
                change.cpuMillis().orElse(vm.cpuMillis()), change.memoryBytes().orElse(vm.memoryBytes()), vm.osId(),
                vm.customOs(), vm.ownerId(), vm.version(), vm.createdAt(), vm.updatedAt());
        if (change.resizes()) {
            hold(caller, changed);
        }
        try {
            return vms.update(changed, clock.instant());
        } catch (DataAccessException e) {
            if (e.isUniqueViolation()) {
                throw ProblemException.conflict("the organization already has a VM named '" + changed.name() + "'");
            }
            throw e;
        }
    }

    /** Deletes a VM without disks and releases its capacity at once. */
    @Transactional
    public void delete(Caller caller, UUID id) {
        VmRecord vm = vms.lock(id).orElseThrow(() -> notFound(id));
        caller.requireRole(vm.organizationId(), OrgRole.DEVELOPER, "VM " + id);
        if (disks.vmHasDisks(id) || network.vmHasAddresses(id)) {
            throw ProblemException.conflict("the VM still has disks or IP addresses; delete them first");
        }
        claims.release(vm.poolId(), vm.id(), caller.subject(), "VM " + vm.name() + " deleted");
        vms.delete(id);
    }

    private void hold(Caller caller, VmRecord vm) {
        Map<ResourceClass, Long> amounts = new EnumMap<>(ResourceClass.class);
        amounts.put(ResourceClass.CPU, vm.cpuMillis());
        amounts.put(ResourceClass.MEMORY, vm.memoryBytes());
        claims.hold(vm.poolId(), vm.id(), ConsumerType.VM, amounts, caller.subject(), "VM " + vm.name(), "poolId");
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("VM " + id);
    }
}

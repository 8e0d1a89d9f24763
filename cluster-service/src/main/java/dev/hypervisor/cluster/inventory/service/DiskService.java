package dev.hypervisor.cluster.inventory.service;

import dev.hypervisor.cluster.domain.ConsumerType;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.inventory.persistence.CatalogRow;
import dev.hypervisor.cluster.inventory.persistence.CatalogTables;
import dev.hypervisor.cluster.inventory.persistence.DiskRecord;
import dev.hypervisor.cluster.inventory.persistence.DiskRepository;
import dev.hypervisor.cluster.inventory.persistence.VmRecord;
import dev.hypervisor.cluster.inventory.persistence.VmRepository;
import dev.hypervisor.cluster.service.IfMatch;
import dev.hypervisor.cluster.service.LedgerClaims;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.resources.Quantity;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.runtime.rest.Cursor;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * VMs' disks. A disk claims its size from a storage device of its VM's pool under its own id, in the
 * transaction that stores it; resizing claims again and never goes below what its partitions take; deleting
 * (once it has no partitions) releases. Access follows the VM's organization.
 */
@ApplicationScoped
public class DiskService {

    private final DiskRepository disks;
    private final VmRepository vms;
    private final CatalogTables catalog;
    private final LedgerClaims claims;
    private final Clock clock;

    public DiskService(DiskRepository disks, VmRepository vms, CatalogTables catalog, LedgerClaims claims,
                       Clock clock) {
        this.disks = disks;
        this.vms = vms;
        this.catalog = catalog;
        this.claims = claims;
        this.clock = clock;
    }

    @Transactional
    public DiskRecord create(Caller caller, UUID vmId, UUID storageDeviceId, long sizeBytes) {
        // Another organization's VM does not exist for the caller, exactly like a VM nobody has.
        VmRecord vm = vms.lock(vmId).filter(found -> caller.roleIn(found.organizationId()).isPresent())
                .orElseThrow(() -> new InvalidFieldException("vmId", "no VM " + vmId + " exists"));
        caller.requireRole(vm.organizationId(), OrgRole.DEVELOPER, "VM " + vmId);
        CatalogRow device = catalog.storageDevices().find(storageDeviceId).orElseThrow(() ->
                new InvalidFieldException("storageDeviceId", "no storage device " + storageDeviceId + " exists"));
        if (!device.parentId().equals(vm.poolId())) {
            throw new InvalidFieldException("storageDeviceId", "storage device " + storageDeviceId
                    + " is not in the VM's pool " + vm.poolId());
        }
        Instant now = clock.instant();
        DiskRecord disk = new DiskRecord(UUID.randomUUID(), vm.organizationId(), vmId, storageDeviceId, sizeBytes, 0,
                1, now, now);
        disks.insert(disk);
        hold(caller, disk.id(), storageDeviceId, sizeBytes);
        return disk;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DiskRecord get(Caller caller, UUID id) {
        DiskRecord disk = disks.find(id).orElseThrow(() -> notFound(id));
        caller.requireRole(disk.organizationId(), OrgRole.VIEWER, "disk " + id);
        return disk;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DiskRecord> list(Caller caller, Optional<UUID> vmId, Optional<UUID> storageDeviceId, PageRequest page) {
        Set<UUID> organizations = caller.memberships().keySet();
        if (organizations.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        return Page.of(disks.list(organizations, vmId, storageDeviceId, page.time(0), page.id(1), page.fetchSize()),
                page, disk -> Cursor.encode(disk.createdAt().toString(), disk.id().toString()));
    }

    /** Resizes the disk: claims the new size, and never below what its partitions take. Needs If-Match. */
    @Transactional
    public DiskRecord resize(Caller caller, UUID id, Optional<Long> expectedVersion, long sizeBytes) {
        DiskRecord disk = lockForChange(caller, id);
        IfMatch.requiredForResize("disk", expectedVersion);
        IfMatch.requireCurrent("disk", expectedVersion, disk.version());
        if (sizeBytes < disk.partitionedBytes()) {
            throw ProblemException.conflict("the disk's partitions take " + Quantity.formatBytes(disk.partitionedBytes())
                    + "; it cannot shrink to " + Quantity.formatBytes(sizeBytes));
        }
        hold(caller, id, disk.storageDeviceId(), sizeBytes);
        return disks.resize(id, sizeBytes, clock.instant());
    }

    /** Deletes a disk without partitions and releases its space at once. */
    @Transactional
    public void delete(Caller caller, UUID id) {
        DiskRecord disk = lockForChange(caller, id);
        if (disks.hasPartitions(id)) {
            throw ProblemException.conflict("the disk still has partitions; delete them first");
        }
        claims.release(disk.storageDeviceId(), id, caller.subject(), "disk " + id + " deleted");
        disks.delete(id);
    }

    /** The disk, locked, for a caller who may change it (DEVELOPER and above of its organization). */
    @Transactional(Transactional.TxType.MANDATORY)
    public DiskRecord lockForChange(Caller caller, UUID id) {
        DiskRecord disk = disks.lock(id).orElseThrow(() -> notFound(id));
        caller.requireRole(disk.organizationId(), OrgRole.DEVELOPER, "disk " + id);
        return disk;
    }

    private void hold(Caller caller, UUID diskId, UUID storageDeviceId, long sizeBytes) {
        claims.hold(storageDeviceId, diskId, ConsumerType.DISK, Map.of(ResourceClass.DISK, sizeBytes),
                caller.subject(), "disk " + diskId, "storageDeviceId");
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("disk " + id);
    }
}

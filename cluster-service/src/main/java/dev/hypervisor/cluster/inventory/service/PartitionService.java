package dev.hypervisor.cluster.inventory.service;

import dev.hypervisor.cluster.inventory.domain.Filesystem;
import dev.hypervisor.cluster.inventory.persistence.DiskRecord;
import dev.hypervisor.cluster.inventory.persistence.DiskRepository;
import dev.hypervisor.cluster.inventory.persistence.PartitionRecord;
import dev.hypervisor.cluster.service.IfMatch;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Partitions of a disk. Every change takes the disk's row lock first, so the partitions of one disk are decided
 * one change at a time and together never exceed the disk.
 */
@ApplicationScoped
public class PartitionService {

    private final DiskRepository disks;
    private final DiskService diskAccess;
    private final Clock clock;

    public PartitionService(DiskRepository disks, DiskService diskAccess, Clock clock) {
        this.disks = disks;
        this.diskAccess = diskAccess;
        this.clock = clock;
    }

    @Transactional
    public PartitionRecord create(Caller caller, UUID diskId, long sizeBytes, Filesystem filesystem) {
        // Another organization's disk does not exist for the caller, exactly like a disk nobody has.
        disks.find(diskId).filter(found -> caller.roleIn(found.organizationId()).isPresent())
                .orElseThrow(() -> new InvalidFieldException("diskId", "no disk " + diskId + " exists"));
        DiskRecord disk = diskAccess.lockForChange(caller, diskId);
        requireFits(disk, sizeBytes, 0);
        Instant now = clock.instant();
        PartitionRecord partition = new PartitionRecord(UUID.randomUUID(), disk.organizationId(), diskId, sizeBytes,
                filesystem, 1, now, now);
        disks.insertPartition(partition);
        return partition;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PartitionRecord get(Caller caller, UUID id) {
        PartitionRecord partition = disks.findPartition(id).orElseThrow(() -> notFound(id));
        caller.requireRole(partition.organizationId(), OrgRole.VIEWER, "partition " + id);
        return partition;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PartitionRecord> list(Caller caller, Optional<UUID> diskId, PageRequest page) {
        Set<UUID> organizations = caller.memberships().keySet();
        if (organizations.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        return Page.of(disks.listPartitions(organizations, diskId, page.time(0), page.id(1), page.fetchSize()), page,
                partition -> Cursor.encode(partition.createdAt().toString(), partition.id().toString()));
    }

    /** Resizes or reformats a partition; a new size must still fit the disk. */
    @Transactional
    public PartitionRecord change(Caller caller, UUID id, Optional<Long> expectedVersion, Optional<Long> sizeBytes,
                                  Optional<Filesystem> filesystem) {
        PartitionRecord partition = disks.findPartition(id).orElseThrow(() -> notFound(id));
        caller.requireRole(partition.organizationId(), OrgRole.DEVELOPER, "partition " + id);
        DiskRecord disk = diskAccess.lockForChange(caller, partition.diskId());
        PartitionRecord current = disks.findPartition(id).orElseThrow(() -> notFound(id));
        IfMatch.requireCurrent("partition", expectedVersion, current.version());
        long size = sizeBytes.orElse(current.sizeBytes());
        requireFits(disk, size, current.sizeBytes());
        return disks.updatePartition(id, size, filesystem.orElse(current.filesystem()), clock.instant());
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        PartitionRecord partition = disks.findPartition(id).orElseThrow(() -> notFound(id));
        caller.requireRole(partition.organizationId(), OrgRole.DEVELOPER, "partition " + id);
        diskAccess.lockForChange(caller, partition.diskId());
        disks.deletePartition(id);
    }

    /** Refuses a size that, with the disk's other partitions, would not fit in it. */
    private static void requireFits(DiskRecord disk, long sizeBytes, long replacedBytes) {
        long free = disk.sizeBytes() - (disk.partitionedBytes() - replacedBytes);
        if (sizeBytes > free) {
            throw ProblemException.conflict("the partition needs " + Quantity.formatBytes(sizeBytes) + " but the disk"
                    + " has " + Quantity.formatBytes(Math.max(0, free)) + " free");
        }
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("partition " + id);
    }
}

package dev.hypervisor.cluster.inventory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A storage device in a pool (its space is the ledger's: it is a provider there). */
@Entity
@Table(name = "storage_devices")
public class StorageDevice extends CatalogItem {

    @Column(name = "pool_id")
    private UUID poolId;

    protected StorageDevice() {
        // for JPA
    }

    public StorageDevice(UUID id, UUID poolId, String name, Instant now) {
        super(id, name, now);
        this.poolId = poolId;
    }

    @Override
    protected UUID parentId() {
        return poolId;
    }
}

package dev.hypervisor.cluster.inventory.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class StorageDeviceRepository implements CatalogTable<StorageDevice> {

    @Override
    public StorageDevice newItem(UUID id, UUID parentId, String name, String detail, Instant now) {
        return new StorageDevice(id, parentId, name, now);
    }

    @Override
    public String parentField() {
        return "poolId";
    }
}

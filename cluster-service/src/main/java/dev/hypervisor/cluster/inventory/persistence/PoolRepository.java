package dev.hypervisor.cluster.inventory.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class PoolRepository implements CatalogTable<Pool> {

    @Override
    public Pool newItem(UUID id, UUID parentId, String name, String detail, Instant now) {
        return new Pool(id, parentId, name, now);
    }

    @Override
    public String parentField() {
        return "dataCenterId";
    }
}

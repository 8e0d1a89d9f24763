package dev.hypervisor.cluster.inventory.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class DataCenterRepository implements CatalogTable<DataCenter> {

    @Override
    public DataCenter newItem(UUID id, UUID parentId, String name, String detail, Instant now) {
        return new DataCenter(id, parentId, name, detail, now);
    }

    @Override
    public String parentField() {
        return "providerId";
    }
}

package dev.hypervisor.cluster.inventory.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class CloudProviderRepository implements CatalogTable<CloudProvider> {

    @Override
    public CloudProvider newItem(UUID id, UUID parentId, String name, String detail, Instant now) {
        return new CloudProvider(id, name, now);
    }

    @Override
    public String parentField() {
        return null;
    }
}

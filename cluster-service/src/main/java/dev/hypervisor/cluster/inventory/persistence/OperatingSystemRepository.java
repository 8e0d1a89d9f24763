package dev.hypervisor.cluster.inventory.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class OperatingSystemRepository implements CatalogTable<OperatingSystem> {

    @Override
    public OperatingSystem newItem(UUID id, UUID parentId, String name, String detail, Instant now) {
        return new OperatingSystem(id, name, now);
    }

    @Override
    public String parentField() {
        return null;
    }
}

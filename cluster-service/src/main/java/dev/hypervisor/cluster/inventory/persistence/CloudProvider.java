package dev.hypervisor.cluster.inventory.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A cloud provider. */
@Entity
@Table(name = "cloud_providers")
public class CloudProvider extends CatalogItem {

    protected CloudProvider() {
        // for JPA
    }

    public CloudProvider(UUID id, String name, Instant now) {
        super(id, name, now);
    }

    @Override
    protected UUID parentId() {
        return null;
    }
}

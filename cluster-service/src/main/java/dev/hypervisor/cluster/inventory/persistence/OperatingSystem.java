package dev.hypervisor.cluster.inventory.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An operating system VMs may run. */
@Entity
@Table(name = "operating_systems")
public class OperatingSystem extends CatalogItem {

    protected OperatingSystem() {
        // for JPA
    }

    public OperatingSystem(UUID id, String name, Instant now) {
        super(id, name, now);
    }

    @Override
    protected UUID parentId() {
        return null;
    }
}

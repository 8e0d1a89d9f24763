package dev.hypervisor.cluster.inventory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A provider's data center, and where it is. */
@Entity
@Table(name = "data_centers")
public class DataCenter extends CatalogItem {

    @Column(name = "provider_id")
    private UUID providerId;
    private String location;

    protected DataCenter() {
        // for JPA
    }

    public DataCenter(UUID id, UUID providerId, String name, String location, Instant now) {
        super(id, name, now);
        this.providerId = providerId;
        this.location = location;
    }

    @Override
    protected UUID parentId() {
        return providerId;
    }

    @Override
    protected String detail() {
        return location;
    }

    @Override
    protected void changeDetail(String detail) {
        location = detail;
    }
}

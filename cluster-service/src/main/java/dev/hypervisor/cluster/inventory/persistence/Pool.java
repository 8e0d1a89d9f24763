package dev.hypervisor.cluster.inventory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A pool of capacity in a data center (its capacity is the ledger's: it is a provider there). */
@Entity
@Table(name = "pools")
public class Pool extends CatalogItem {

    @Column(name = "data_center_id")
    private UUID dataCenterId;

    protected Pool() {
        // for JPA
    }

    public Pool(UUID id, UUID dataCenterId, String name, Instant now) {
        super(id, name, now);
        this.dataCenterId = dataCenterId;
    }

    @Override
    protected UUID parentId() {
        return dataCenterId;
    }
}

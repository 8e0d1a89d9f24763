package dev.hypervisor.cluster.inventory.persistence;

import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** The inventory's named tables, each as a {@link CatalogTable}. */
@ApplicationScoped
public class CatalogTables {

    private final CatalogTable providers;
    private final CatalogTable dataCenters;
    private final CatalogTable pools;
    private final CatalogTable storageDevices;
    private final CatalogTable operatingSystems;

    public CatalogTables(Sql sql) {
        this.providers = new CatalogTable(sql, "cloud_providers", null, null);
        this.dataCenters = new CatalogTable(sql, "data_centers", "provider_id", "location");
        this.pools = new CatalogTable(sql, "pools", "data_center_id", null);
        this.storageDevices = new CatalogTable(sql, "storage_devices", "pool_id", null);
        this.operatingSystems = new CatalogTable(sql, "operating_systems", null, null);
    }

    public CatalogTable providers() {
        return providers;
    }

    public CatalogTable dataCenters() {
        return dataCenters;
    }

    public CatalogTable pools() {
        return pools;
    }

    public CatalogTable storageDevices() {
        return storageDevices;
    }

    public CatalogTable operatingSystems() {
        return operatingSystems;
    }
}

package dev.hypervisor.cluster.inventory.persistence;

import jakarta.enterprise.context.ApplicationScoped;

/** The catalog's collections, each as a {@link CatalogTable}. */
@ApplicationScoped
public class CatalogTables {

    private final CloudProviderRepository providers;
    private final DataCenterRepository dataCenters;
    private final PoolRepository pools;
    private final StorageDeviceRepository storageDevices;
    private final OperatingSystemRepository operatingSystems;

    public CatalogTables(CloudProviderRepository providers, DataCenterRepository dataCenters, PoolRepository pools,
                         StorageDeviceRepository storageDevices, OperatingSystemRepository operatingSystems) {
        this.providers = providers;
        this.dataCenters = dataCenters;
        this.pools = pools;
        this.storageDevices = storageDevices;
        this.operatingSystems = operatingSystems;
    }

    public CatalogTable<CloudProvider> providers() {
        return providers;
    }

    public CatalogTable<DataCenter> dataCenters() {
        return dataCenters;
    }

    public CatalogTable<Pool> pools() {
        return pools;
    }

    public CatalogTable<StorageDevice> storageDevices() {
        return storageDevices;
    }

    public CatalogTable<OperatingSystem> operatingSystems() {
        return operatingSystems;
    }
}

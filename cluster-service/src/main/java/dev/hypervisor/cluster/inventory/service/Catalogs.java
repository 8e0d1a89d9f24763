package dev.hypervisor.cluster.inventory.service;

import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.inventory.persistence.CatalogTables;
import dev.hypervisor.cluster.inventory.service.CapacityCatalogService.Kind;
import dev.hypervisor.cluster.inventory.service.Catalog.Dependent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The catalog's collections, what each belongs to, and what keeps an item of each from being deleted. */
@ApplicationScoped
public class Catalogs {

    private final Catalog providers;
    private final Catalog dataCenters;
    private final Catalog operatingSystems;
    private final Kind pools;
    private final Kind storageDevices;

    public Catalogs(CatalogTables tables) {
        providers = new Catalog("provider", tables.providers(), Optional.empty(), null,
                List.of(new Dependent("data_centers", "provider_id", null, "data centers")));
        dataCenters = new Catalog("data center", tables.dataCenters(), Optional.of(providers), "providerId",
                List.of(new Dependent("pools", "data_center_id", null, "pools"),
                        new Dependent("subnets", "data_center_id", null, "subnets")));
        operatingSystems = new Catalog("operating system", tables.operatingSystems(), Optional.empty(), null,
                List.of(new Dependent("vms", "os_id", null, "VMs running it")));
        Catalog poolCatalog = new Catalog("pool", tables.pools(), Optional.of(dataCenters), "dataCenterId",
                List.of(new Dependent("storage_devices", "pool_id", null, "storage devices"),
                        new Dependent("vms", "pool_id", null, "VMs")));
        pools = new Kind(poolCatalog, "POOL", List.of(ResourceClass.CPU, ResourceClass.MEMORY, ResourceClass.DISK),
                false);
        storageDevices = new Kind(new Catalog("storage device", tables.storageDevices(), Optional.of(poolCatalog),
                "poolId", List.of()), "STORAGE_DEVICE", List.of(ResourceClass.DISK), true);
    }

    public Catalog providers() {
        return providers;
    }

    public Catalog dataCenters() {
        return dataCenters;
    }

    public Catalog operatingSystems() {
        return operatingSystems;
    }

    public Kind pools() {
        return pools;
    }

    public Kind storageDevices() {
        return storageDevices;
    }
}

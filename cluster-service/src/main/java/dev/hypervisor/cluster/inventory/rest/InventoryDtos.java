package dev.hypervisor.cluster.inventory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.inventory.domain.Filesystem;
import dev.hypervisor.cluster.inventory.domain.SizeUnits;
import dev.hypervisor.cluster.inventory.domain.VmStatus;
import dev.hypervisor.cluster.inventory.persistence.CatalogRow;
import dev.hypervisor.cluster.inventory.persistence.DiskRecord;
import dev.hypervisor.cluster.inventory.persistence.IpAddressRecord;
import dev.hypervisor.cluster.inventory.persistence.PartitionRecord;
import dev.hypervisor.cluster.inventory.persistence.SubnetRecord;
import dev.hypervisor.cluster.inventory.persistence.SystemRecord;
import dev.hypervisor.cluster.inventory.persistence.VmRecord;
import dev.hypervisor.cluster.inventory.service.CapacityCatalogService.WithCapacity;
import dev.hypervisor.cluster.service.ProviderCapacity.Usage;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.resources.Quantity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** Request and answer bodies of the cloud inventory. Sizes answer as canonical quantities with exact integers. */
public final class InventoryDtos {

    private InventoryDtos() {
    }

    public record NameRequest(@NotBlank @Size(max = 100) String name) {
    }

    public record RenameRequest(@Size(min = 1, max = 100) String name) {
    }

    public record DataCenterRequest(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 200) String location,
                                    @NotNull UUID providerId) {
    }

    public record ChangeDataCenterRequest(@Size(min = 1, max = 100) String name,
                                          @Size(min = 1, max = 200) String location) {
    }

    /** {@code capacity}: {@code {cpu, memory, disk}}. */
    public record PoolRequest(@NotBlank @Size(max = 100) String name, @NotNull UUID dataCenterId,
                              @NotNull JsonNode capacity) {
    }

    public record ChangePoolRequest(@Size(min = 1, max = 100) String name, JsonNode capacity) {
    }

    /** {@code capacity}: one size ({@code "10Ti"}). */
    public record StorageDeviceRequest(@NotBlank @Size(max = 100) String name, @NotNull UUID poolId,
                                       @NotNull JsonNode capacity) {
    }

    public record ChangeStorageDeviceRequest(@Size(min = 1, max = 100) String name, JsonNode capacity) {
    }

    public record VmRequest(@NotBlank @Size(max = 100) String name, @NotNull UUID organizationId, @NotNull UUID poolId,
                            @NotBlank @Size(max = 100) String instanceType, @NotNull JsonNode cpu,
                            @NotNull JsonNode memory, UUID osId, @Size(min = 1, max = 100) String customOs) {
    }

    public record ChangeVmRequest(@Size(min = 1, max = 100) String name,
                                  @Size(min = 1, max = 100) String instanceType, VmStatus status, JsonNode cpu,
                                  JsonNode memory) {
    }

    public record DiskRequest(@NotNull UUID vmId, @NotNull UUID storageDeviceId, @NotNull JsonNode size) {
    }

    public record ChangeDiskRequest(@NotNull JsonNode size) {
    }

    public record PartitionRequest(@NotNull UUID diskId, @NotNull JsonNode size, @NotBlank String filesystem) {
    }

    public record ChangePartitionRequest(JsonNode size, @Size(min = 1) String filesystem) {
    }

    public record DiskView(UUID id, UUID vmId, UUID storageDeviceId, UUID organizationId, String size, long sizeBytes,
                           String partitioned, long partitionedBytes, Instant createdAt, Instant updatedAt) {

        static DiskView of(DiskRecord disk) {
            return new DiskView(disk.id(), disk.vmId(), disk.storageDeviceId(), disk.organizationId(),
                    Quantity.formatBytes(disk.sizeBytes()), disk.sizeBytes(),
                    Quantity.formatBytes(disk.partitionedBytes()), disk.partitionedBytes(), disk.createdAt(),
                    disk.updatedAt());
        }
    }

    public record PartitionView(UUID id, UUID diskId, UUID organizationId, String size, long sizeBytes,
                                String filesystem, Instant createdAt, Instant updatedAt) {

        static PartitionView of(PartitionRecord partition) {
            return new PartitionView(partition.id(), partition.diskId(), partition.organizationId(),
                    Quantity.formatBytes(partition.sizeBytes()), partition.sizeBytes(), partition.filesystem().label(),
                    partition.createdAt(), partition.updatedAt());
        }
    }

    /** A filesystem by name; 422 naming the field and the known ones otherwise. */
    static Filesystem filesystem(String text) {
        return Filesystem.of(text).orElseThrow(() -> new InvalidFieldException("filesystem", "'" + text
                + "' is not a filesystem this inventory knows (" + Arrays.stream(Filesystem.values())
                .map(Filesystem::label).collect(Collectors.joining(", ")) + ")"));
    }

    public record SubnetRequest(@NotNull UUID dataCenterId, @NotNull @Min(1) @Max(4094) Integer vlan,
                                @NotBlank @Size(max = 60) String cidr) {
    }

    public record ChangeSubnetRequest(@NotNull @Min(1) @Max(4094) Integer vlan) {
    }

    /** No {@code address}: the lowest free host address of the subnet. No {@code vmId}: a platform reservation. */
    public record IpAddressRequest(@NotNull UUID subnetId, UUID vmId, @Size(max = 60) String address) {
    }

    public record MoveIpAddressRequest(@NotNull UUID vmId) {
    }

    public record SubnetView(UUID id, UUID dataCenterId, int vlan, String cidr, String family, String firstHost,
                             String lastHost, Instant createdAt, Instant updatedAt) {

        static SubnetView of(SubnetRecord subnet) {
            return new SubnetView(subnet.id(), subnet.dataCenterId(), subnet.vlan(), subnet.cidr().toString(),
                    subnet.cidr().network().isIpv4() ? "IPv4" : "IPv6", subnet.cidr().firstHost().toString(),
                    subnet.cidr().lastHost().toString(), subnet.createdAt(), subnet.updatedAt());
        }
    }

    public record IpAddressView(UUID id, UUID subnetId, String address, UUID vmId, UUID organizationId,
                                Instant createdAt, Instant updatedAt) {

        static IpAddressView of(IpAddressRecord address) {
            return new IpAddressView(address.id(), address.subnetId(), address.address().toString(), address.vmId(),
                    address.organizationId(), address.createdAt(), address.updatedAt());
        }
    }

    public record SystemRequest(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description,
                                @NotNull UUID organizationId) {
    }

    public record ChangeSystemRequest(@Size(min = 1, max = 100) String name, @Size(max = 1000) String description) {
    }

    public record SystemView(UUID id, UUID organizationId, String name, String description, List<UUID> vmIds,
                             Instant createdAt, Instant updatedAt) {

        static SystemView of(SystemRecord system) {
            return new SystemView(system.id(), system.organizationId(), system.name(), system.description(),
                    system.vmIds(), system.createdAt(), system.updatedAt());
        }
    }

    public record UnitView(String name, long factor) {

        static UnitView of(SizeUnits.Unit unit) {
            return new UnitView(unit.name(), unit.factor());
        }
    }

    public record ProviderView(UUID id, String name, Instant createdAt, Instant updatedAt) {

        static ProviderView of(CatalogRow row) {
            return new ProviderView(row.id(), row.name(), row.createdAt(), row.updatedAt());
        }
    }

    public record DataCenterView(UUID id, String name, String location, UUID providerId, Instant createdAt,
                                 Instant updatedAt) {

        static DataCenterView of(CatalogRow row) {
            return new DataCenterView(row.id(), row.name(), row.detail(), row.parentId(), row.createdAt(),
                    row.updatedAt());
        }
    }

    public record OperatingSystemView(UUID id, String name, Instant createdAt, Instant updatedAt) {

        static OperatingSystemView of(CatalogRow row) {
            return new OperatingSystemView(row.id(), row.name(), row.createdAt(), row.updatedAt());
        }
    }

    /** A pool's amounts: {@code cpu} as cores or millicores, {@code memory} and {@code disk} as sizes. */
    public record PoolAmounts(String cpu, long cpuMillis, String memory, long memoryBytes, String disk,
                              long diskBytes) {

        static PoolAmounts of(ToLongFunction<ResourceClass> amount) {
            long cpu = amount.applyAsLong(ResourceClass.CPU);
            long memory = amount.applyAsLong(ResourceClass.MEMORY);
            long disk = amount.applyAsLong(ResourceClass.DISK);
            return new PoolAmounts(Quantity.formatCpu(cpu), cpu, Quantity.formatBytes(memory), memory,
                    Quantity.formatBytes(disk), disk);
        }
    }

    public record PoolView(UUID id, String name, UUID dataCenterId, PoolAmounts capacity, PoolAmounts allocated,
                           PoolAmounts available, Instant createdAt, Instant updatedAt) {

        static PoolView of(WithCapacity pool) {
            Usage usage = pool.usage();
            CatalogRow row = pool.row();
            return new PoolView(row.id(), row.name(), row.parentId(), PoolAmounts.of(usage::capacityOf),
                    PoolAmounts.of(usage::usedOf), PoolAmounts.of(usage::availableOf), row.createdAt(),
                    row.updatedAt());
        }
    }

    public record StorageDeviceView(UUID id, String name, UUID poolId, String capacity, long capacityBytes,
                                    String allocated, long allocatedBytes, String available, long availableBytes,
                                    Instant createdAt, Instant updatedAt) {

        static StorageDeviceView of(WithCapacity device) {
            Usage usage = device.usage();
            CatalogRow row = device.row();
            long capacity = usage.capacityOf(ResourceClass.DISK);
            long used = usage.usedOf(ResourceClass.DISK);
            return new StorageDeviceView(row.id(), row.name(), row.parentId(), Quantity.formatBytes(capacity),
                    capacity, Quantity.formatBytes(used), used, Quantity.formatBytes(capacity - used),
                    capacity - used, row.createdAt(), row.updatedAt());
        }
    }

    public record VmView(UUID id, String name, UUID organizationId, UUID poolId, String instanceType,
                         VmStatus status, String cpu, long cpuMillis, String memory, long memoryBytes, UUID osId,
                         String customOs, UUID ownerId, Instant createdAt, Instant updatedAt) {

        static VmView of(VmRecord vm) {
            return new VmView(vm.id(), vm.name(), vm.organizationId(), vm.poolId(), vm.instanceType(), vm.status(),
                    Quantity.formatCpu(vm.cpuMillis()), vm.cpuMillis(), Quantity.formatBytes(vm.memoryBytes()),
                    vm.memoryBytes(), vm.osId(), vm.customOs(), vm.ownerId(), vm.createdAt(), vm.updatedAt());
        }
    }

    /** A pool's capacity as the request gives it. */
    static Map<ResourceClass, Long> poolCapacity(JsonNode capacity) {
        QuantityFields.requireObject("capacity", capacity);
        Map<ResourceClass, Long> totals = new EnumMap<>(ResourceClass.class);
        totals.put(ResourceClass.CPU, QuantityFields.cpuMillis("capacity.cpu", capacity.get("cpu")));
        totals.put(ResourceClass.MEMORY, QuantityFields.bytes("capacity.memory", capacity.get("memory")));
        totals.put(ResourceClass.DISK, QuantityFields.bytes("capacity.disk", capacity.get("disk")));
        return totals;
    }

    /** A storage device's capacity as the request gives it. */
    static Map<ResourceClass, Long> deviceCapacity(JsonNode capacity) {
        return Map.of(ResourceClass.DISK, QuantityFields.bytes("capacity", capacity));
    }
}

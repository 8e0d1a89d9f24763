package dev.hypervisor.cluster.inventory.persistence;

import dev.hypervisor.cluster.inventory.domain.IpAddress;
import dev.hypervisor.cluster.inventory.domain.Subnet;
import dev.hypervisor.runtime.sql.RowMapper;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subnets and their IP addresses. Addresses travel as text and are stored as PostgreSQL inet and cidr. */
@ApplicationScoped
public class NetworkRepository {

    private static final String SUBNET_COLUMNS = "id, data_center_id, vlan, cidr::text AS cidr, version, created_at,"
            + " updated_at";
    private static final RowMapper<SubnetRecord> SUBNET = row -> new SubnetRecord(row.uuid("id"),
            row.uuid("data_center_id"), row.integer("vlan"), Subnet.parse(row.string("cidr")), row.longValue("version"),
            row.instant("created_at"), row.instant("updated_at"));
    private static final String ADDRESS_COLUMNS = "id, subnet_id, host(address) AS address, vm_id, organization_id,"
            + " version, created_at, updated_at";
    private static final RowMapper<IpAddressRecord> ADDRESS = row -> new IpAddressRecord(row.uuid("id"),
            row.uuid("subnet_id"), IpAddress.parse(row.string("address")), row.uuid("vm_id"),
            row.uuid("organization_id"), row.longValue("version"), row.instant("created_at"),
            row.instant("updated_at"));

    private final Sql sql;

    public NetworkRepository(Sql sql) {
        this.sql = sql;
    }

    public void insertSubnet(SubnetRecord subnet) {
        sql.update("INSERT INTO subnets (id, data_center_id, vlan, cidr, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?::cidr, ?, ?)", subnet.id(), subnet.dataCenterId(), subnet.vlan(),
                subnet.cidr().toString(), subnet.createdAt(), subnet.updatedAt());
    }

    public Optional<SubnetRecord> findSubnet(UUID id) {
        return sql.one("SELECT " + SUBNET_COLUMNS + " FROM subnets WHERE id = ?", SUBNET, id);
    }

    /** The subnet, locked: its addresses are decided one change at a time. */
    public Optional<SubnetRecord> lockSubnet(UUID id) {
        return sql.one("SELECT " + SUBNET_COLUMNS + " FROM subnets WHERE id = ? FOR UPDATE", SUBNET, id);
    }

    public List<SubnetRecord> listSubnets(Optional<UUID> dataCenterId, Instant afterCreatedAt, UUID afterId, int limit) {
        String byDataCenter = dataCenterId.isPresent() ? " data_center_id = ? AND" : "";
        List<Object> values = new ArrayList<>();
        dataCenterId.ifPresent(values::add);
        values.addAll(List.of(afterCreatedAt, afterId, limit));
        return sql.list("SELECT " + SUBNET_COLUMNS + " FROM subnets WHERE" + byDataCenter
                + " (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?", SUBNET, values.toArray());
    }

    public SubnetRecord updateVlan(UUID id, int vlan, Instant now) {
        return sql.one("UPDATE subnets SET vlan = ?, updated_at = ?, version = version + 1 WHERE id = ? RETURNING "
                + SUBNET_COLUMNS, SUBNET, vlan, now, id).orElseThrow();
    }

    public void deleteSubnet(UUID id) {
        sql.update("DELETE FROM subnets WHERE id = ?", id);
    }

    public boolean subnetHasAddresses(UUID subnetId) {
        return sql.one("SELECT EXISTS (SELECT 1 FROM ip_addresses WHERE subnet_id = ?) AS found",
                row -> row.bool("found"), subnetId).orElse(false);
    }

    /** Every address taken in the subnet; read under the subnet's lock to find the next free one. */
    public List<IpAddress> addressesIn(UUID subnetId) {
        return sql.list("SELECT host(address) AS address FROM ip_addresses WHERE subnet_id = ? ORDER BY address",
                row -> IpAddress.parse(row.string("address")), subnetId);
    }

    /** Stores the address unless the subnet has it already; answers whether it did. */
    public boolean insertAddress(IpAddressRecord address) {
        return sql.update("INSERT INTO ip_addresses (id, subnet_id, address, vm_id, organization_id, created_at,"
                        + " updated_at) VALUES (?, ?, ?::inet, ?, ?, ?, ?) ON CONFLICT DO NOTHING", address.id(),
                address.subnetId(), address.address().toString(), address.vmId(), address.organizationId(),
                address.createdAt(), address.updatedAt()) == 1;
    }

    public Optional<IpAddressRecord> findAddress(UUID id) {
        return sql.one("SELECT " + ADDRESS_COLUMNS + " FROM ip_addresses WHERE id = ?", ADDRESS, id);
    }

    /** Addresses of the organizations (all of them when {@code organizationIds} is empty: platform admins). */
    public List<IpAddressRecord> listAddresses(Optional<Collection<UUID>> organizationIds, Optional<UUID> subnetId,
                                               Optional<UUID> vmId, Instant afterCreatedAt, UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("SELECT " + ADDRESS_COLUMNS + " FROM ip_addresses WHERE true");
        List<Object> values = new ArrayList<>();
        organizationIds.ifPresent(organizations -> {
            query.append(" AND organization_id = ANY(?)");
            values.add(SqlArray.uuids(organizations));
        });
        subnetId.ifPresent(subnet -> {
            query.append(" AND subnet_id = ?");
            values.add(subnet);
        });
        vmId.ifPresent(vm -> {
            query.append(" AND vm_id = ?");
            values.add(vm);
        });
        query.append(" AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?");
        values.addAll(List.of(afterCreatedAt, afterId, limit));
        return sql.list(query.toString(), ADDRESS, values.toArray());
    }

    public IpAddressRecord attach(UUID id, UUID vmId, UUID organizationId, Instant now) {
        return sql.one("UPDATE ip_addresses SET vm_id = ?, organization_id = ?, updated_at = ?, version = version + 1"
                + " WHERE id = ? RETURNING " + ADDRESS_COLUMNS, ADDRESS, vmId, organizationId, now, id).orElseThrow();
    }

    public void deleteAddress(UUID id) {
        sql.update("DELETE FROM ip_addresses WHERE id = ?", id);
    }

    public boolean vmHasAddresses(UUID vmId) {
        return sql.one("SELECT EXISTS (SELECT 1 FROM ip_addresses WHERE vm_id = ?) AS found",
                row -> row.bool("found"), vmId).orElse(false);
    }
}

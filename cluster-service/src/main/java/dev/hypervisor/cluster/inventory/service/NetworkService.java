package dev.hypervisor.cluster.inventory.service;

import dev.hypervisor.cluster.inventory.domain.IpAddress;
import dev.hypervisor.cluster.inventory.domain.Subnet;
import dev.hypervisor.cluster.inventory.persistence.CatalogTables;
import dev.hypervisor.cluster.inventory.persistence.IpAddressRecord;
import dev.hypervisor.cluster.inventory.persistence.NetworkRepository;
import dev.hypervisor.cluster.inventory.persistence.SubnetRecord;
import dev.hypervisor.cluster.inventory.persistence.VmRecord;
import dev.hypervisor.cluster.inventory.persistence.VmRepository;
import dev.hypervisor.cluster.service.IfMatch;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.rest.Cursor;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.runtime.sql.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Subnets (platform administrators manage them; everyone reads them) and their IP addresses. Every address change
 * in a subnet takes the subnet's row lock first, so "the next free address" is decided one request at a time and
 * never handed out twice. An address is attached to a VM of the same data center, and belongs to the VM's
 * organization; one without a VM is a reservation of the platform's.
 */
@ApplicationScoped
public class NetworkService {

    private final NetworkRepository network;
    private final VmRepository vms;
    private final CatalogTables catalog;
    private final Clock clock;

    public NetworkService(NetworkRepository network, VmRepository vms, CatalogTables catalog, Clock clock) {
        this.network = network;
        this.vms = vms;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Transactional
    public SubnetRecord createSubnet(Caller caller, UUID dataCenterId, int vlan, String cidr) {
        requireAdmin(caller);
        Subnet range = field("cidr", () -> Subnet.parse(cidr));
        if (catalog.dataCenters().find(dataCenterId).isEmpty()) {
            throw new InvalidFieldException("dataCenterId", "no data center " + dataCenterId + " exists");
        }
        Instant now = clock.instant();
        SubnetRecord subnet = new SubnetRecord(UUID.randomUUID(), dataCenterId, vlan, range, 1, now, now);
        try {
            network.insertSubnet(subnet);
        } catch (DataAccessException e) {
            throw subnetConflict(e, subnet);
        }
        return subnet;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SubnetRecord subnet(UUID id) {
        return network.findSubnet(id).orElseThrow(() -> ProblemException.notFound("subnet " + id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SubnetRecord> subnets(Optional<UUID> dataCenterId, PageRequest page) {
        return Page.of(network.listSubnets(dataCenterId, page.time(0), page.id(1), page.fetchSize()), page,
                subnet -> Cursor.encode(subnet.createdAt().toString(), subnet.id().toString()));
    }

    /** Moves a subnet to another VLAN of its data center (If-Match optional). */
    @Transactional
    public SubnetRecord changeVlan(Caller caller, UUID id, Optional<Long> expectedVersion, int vlan) {
        requireAdmin(caller);
        SubnetRecord subnet = network.lockSubnet(id).orElseThrow(() -> ProblemException.notFound("subnet " + id));
        IfMatch.requireCurrent("subnet", expectedVersion, subnet.version());
        try {
            return network.updateVlan(id, vlan, clock.instant());
        } catch (DataAccessException e) {
            throw subnetConflict(e, subnet);
        }
    }

    @Transactional
    public void deleteSubnet(Caller caller, UUID id) {
        requireAdmin(caller);
        network.lockSubnet(id).orElseThrow(() -> ProblemException.notFound("subnet " + id));
        if (network.subnetHasAddresses(id)) {
            throw ProblemException.conflict("the subnet still has IP addresses; delete them first");
        }
        network.deleteSubnet(id);
    }

    /**
     * Takes an address of the subnet: the one asked for, or the lowest free host address. With a VM, for the VM's
     * organization (DEVELOPER and above); without, as a platform reservation (administrators).
     */
    @Transactional
    public IpAddressRecord createAddress(Caller caller, UUID subnetId, Optional<UUID> vmId, Optional<String> address) {
        SubnetRecord subnet = network.lockSubnet(subnetId).orElseThrow(() ->
                new InvalidFieldException("subnetId", "no subnet " + subnetId + " exists"));
        Optional<VmRecord> vm = vmId.map(id -> attachableVm(caller, id, subnet));
        if (vm.isEmpty()) {
            requireAdmin(caller);
        }
        IpAddress chosen;
        if (address.isPresent()) {
            chosen = field("address", () -> IpAddress.parse(address.get()));
            subnet.cidr().refusal(chosen).ifPresent(why -> {
                throw new InvalidFieldException("address", why);
            });
        } else {
            chosen = subnet.cidr().lowestFree(network.addressesIn(subnetId)).orElseThrow(() ->
                    new ProblemException(ProblemCode.SUBNET_EXHAUSTED, "every host address of " + subnet.cidr()
                            + " is taken"));
        }
        Instant now = clock.instant();
        IpAddressRecord record = new IpAddressRecord(UUID.randomUUID(), subnetId, chosen,
                vm.map(VmRecord::id).orElse(null), vm.map(VmRecord::organizationId).orElse(null), 1, now, now);
        if (!network.insertAddress(record)) {
            throw ProblemException.conflict(chosen + " is taken in " + subnet.cidr());
        }
        return record;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public IpAddressRecord address(Caller caller, UUID id) {
        return network.findAddress(id).filter(address -> visible(caller, address))
                .orElseThrow(() -> ProblemException.notFound("IP address " + id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<IpAddressRecord> addresses(Caller caller, Optional<UUID> subnetId, Optional<UUID> vmId,
                                           PageRequest page) {
        Optional<Collection<UUID>> organizations = caller.hasPlatformRole(PlatformRole.ADMIN)
                ? Optional.empty() : Optional.of(caller.memberships().keySet());
        if (organizations.isPresent() && organizations.get().isEmpty()) {
            return new Page<>(List.of(), null);
        }
        return Page.of(network.listAddresses(organizations, subnetId, vmId, page.time(0), page.id(1),
                page.fetchSize()), page, address -> Cursor.encode(address.createdAt().toString(), address.id().toString()));
    }

    /** Moves the address to another VM of the same organization and data center. */
    @Transactional
    public IpAddressRecord moveAddress(Caller caller, UUID id, UUID vmId) {
        IpAddressRecord address = mayChange(caller, id);
        SubnetRecord subnet = network.lockSubnet(address.subnetId()).orElseThrow();
        VmRecord vm = attachableVm(caller, vmId, subnet);
        if (address.organizationId() != null && !address.organizationId().equals(vm.organizationId())) {
            throw new InvalidFieldException("vmId", "the VM belongs to another organization than the address");
        }
        return network.attach(id, vm.id(), vm.organizationId(), clock.instant());
    }

    @Transactional
    public void deleteAddress(Caller caller, UUID id) {
        IpAddressRecord address = mayChange(caller, id);
        network.lockSubnet(address.subnetId());
        network.deleteAddress(id);
    }

    private IpAddressRecord mayChange(Caller caller, UUID id) {
        IpAddressRecord address = address(caller, id);
        if (address.organizationId() == null) {
            requireAdmin(caller);
        } else {
            caller.requireRole(address.organizationId(), OrgRole.DEVELOPER, "IP address " + id);
        }
        return address;
    }

    /** A VM the caller may give an address of this subnet: theirs to change, and in the subnet's data center. */
    private VmRecord attachableVm(Caller caller, UUID vmId, SubnetRecord subnet) {
        VmRecord vm = vms.find(vmId).filter(found -> caller.roleIn(found.organizationId()).isPresent())
                .orElseThrow(() -> new InvalidFieldException("vmId", "no VM " + vmId + " exists"));
        caller.requireRole(vm.organizationId(), OrgRole.DEVELOPER, "VM " + vmId);
        UUID vmDataCenter = catalog.pools().find(vm.poolId()).orElseThrow().parentId();
        if (!vmDataCenter.equals(subnet.dataCenterId())) {
            throw new InvalidFieldException("vmId", "the VM runs in another data center than subnet " + subnet.id());
        }
        return vm;
    }

    private static boolean visible(Caller caller, IpAddressRecord address) {
        return caller.hasPlatformRole(PlatformRole.ADMIN)
                || (address.organizationId() != null && caller.roleIn(address.organizationId()).isPresent());
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.hasPlatformRole(PlatformRole.ADMIN)) {
            throw ProblemException.forbidden("only platform administrators manage subnets and reserve addresses");
        }
    }

    private static RuntimeException subnetConflict(DataAccessException e, SubnetRecord subnet) {
        if (e.isUniqueViolation()) {
            return ProblemException.conflict("the data center has a subnet on VLAN " + subnet.vlan() + " already");
        }
        if (e.isExclusionViolation()) {
            return ProblemException.conflict(subnet.cidr() + " overlaps a subnet of the data center");
        }
        return e;
    }

    private static <T> T field(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }
}

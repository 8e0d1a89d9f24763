package dev.hypervisor.cluster.inventory.service;

import dev.hypervisor.cluster.inventory.persistence.SystemRecord;
import dev.hypervisor.cluster.inventory.persistence.SystemRepository;
import dev.hypervisor.cluster.inventory.persistence.VmRecord;
import dev.hypervisor.cluster.inventory.persistence.VmRepository;
import dev.hypervisor.cluster.service.IfMatch;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.runtime.rest.Cursor;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.runtime.sql.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Systems: named groups of one organization's VMs. DEVELOPERs and above change them, members read them, and for
 * anyone else they do not exist. A system holds only VMs of its own organization.
 */
@ApplicationScoped
public class SystemService {

    private final SystemRepository systems;
    private final VmRepository vms;
    private final Clock clock;

    public SystemService(SystemRepository systems, VmRepository vms, Clock clock) {
        this.systems = systems;
        this.vms = vms;
        this.clock = clock;
    }

    @Transactional
    public SystemRecord create(Caller caller, UUID organizationId, String name, String description) {
        caller.requireRole(organizationId, OrgRole.DEVELOPER, "organization " + organizationId);
        UUID id = UUID.randomUUID();
        if (!systems.insert(id, organizationId, name.strip(), description == null ? "" : description.strip(),
                clock.instant())) {
            throw nameTaken(name);
        }
        return systems.find(id).orElseThrow();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SystemRecord get(Caller caller, UUID id) {
        SystemRecord system = systems.find(id).orElseThrow(() -> notFound(id));
        caller.requireRole(system.organizationId(), OrgRole.VIEWER, "system " + id);
        return system;
    }

    /** The caller's systems (of one organization, when given); with a VM, only those it is in. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SystemRecord> list(Caller caller, Optional<UUID> organizationId, Optional<UUID> vmId,
                                   PageRequest page) {
        Set<UUID> organizations = caller.memberships().keySet();
        if (organizationId.isPresent()) {
            caller.requireRole(organizationId.get(), OrgRole.VIEWER, "organization " + organizationId.get());
            organizations = Set.of(organizationId.get());
        }
        if (organizations.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        return Page.of(systems.list(organizations, vmId, page.time(0), page.id(1), page.fetchSize()), page,
                system -> Cursor.encode(system.createdAt().toString(), system.id().toString()));
    }

    @Transactional
    public SystemRecord change(Caller caller, UUID id, Optional<Long> expectedVersion, Optional<String> name,
                               Optional<String> description) {
        SystemRecord system = changeable(caller, id);
        long version = expectedVersion.orElse(system.version());
        try {
            return systems.update(id, version, name.map(String::strip).orElse(system.name()),
                    description.map(String::strip).orElse(system.description()), clock.instant())
                    .orElseThrow(() -> IfMatch.stale("system", system.version()));
        } catch (DataAccessException e) {
            if (e.isUniqueViolation()) {
                throw nameTaken(name.orElseThrow());
            }
            throw e;
        }
    }

    /** Puts the VM in the system (again is a no-op); it must be a VM of the system's organization. */
    @Transactional
    public SystemRecord addVm(Caller caller, UUID id, UUID vmId) {
        SystemRecord system = changeable(caller, id);
        VmRecord vm = vms.find(vmId).filter(found -> found.organizationId().equals(system.organizationId()))
                .orElseThrow(() -> new InvalidFieldException("vmId", "no VM " + vmId + " exists in the system's"
                        + " organization"));
        systems.addVm(id, vm.id());
        return systems.find(id).orElseThrow();
    }

    @Transactional
    public SystemRecord removeVm(Caller caller, UUID id, UUID vmId) {
        changeable(caller, id);
        systems.removeVm(id, vmId);
        return systems.find(id).orElseThrow();
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        changeable(caller, id);
        systems.delete(id);
    }

    private SystemRecord changeable(Caller caller, UUID id) {
        SystemRecord system = systems.find(id).orElseThrow(() -> notFound(id));
        caller.requireRole(system.organizationId(), OrgRole.DEVELOPER, "system " + id);
        return system;
    }

    private static ProblemException nameTaken(String name) {
        return ProblemException.conflict("the organization already has a system named '" + name.strip() + "'");
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("system " + id);
    }
}

package dev.hypervisor.identity.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The security trail: logins, refreshes, membership and role changes, invites. One line per event on the
 * {@code hypervisor.audit} category, as {@code event key=value ...}, never with a password, token or code.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("hypervisor.audit");

    public void record(String event, Map<String, ?> fields) {
        String details = new TreeMap<>(fields).entrySet().stream()
                .map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining(" "));
        LOG.infof("%s %s", event, details);
    }
}

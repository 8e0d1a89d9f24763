package dev.hypervisor.cluster.service;

import dev.hypervisor.cluster.domain.ConsumerKey;
import dev.hypervisor.cluster.domain.ConsumerType;
import dev.hypervisor.cluster.domain.ResourceClass;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One all-or-nothing change to the ledger, as a caller asks for it: the claims some consumers should hold from
 * now on, the claims others should give up, who asks, and why (for the journal).
 */
public record LedgerRequest(List<Claim> claims, List<Release> releases, String actor, String reason) {

    /** A consumer should hold exactly these resources on this provider from now on. */
    public record Claim(UUID providerId, UUID consumerId, ConsumerType consumerType, Map<ResourceClass, Long> amounts) {
    }

    /** A consumer should hold nothing on this provider from now on. */
    public record Release(UUID providerId, UUID consumerId) {
    }

    public LedgerRequest {
        claims = List.copyOf(claims);
        releases = List.copyOf(releases);
    }

    /** What each named consumer should hold afterwards; a release holds nothing. */
    public Map<ConsumerKey, Map<ResourceClass, Long>> wanted() {
        Map<ConsumerKey, Map<ResourceClass, Long>> wanted = new LinkedHashMap<>();
        claims.forEach(claim -> wanted.put(new ConsumerKey(claim.providerId(), claim.consumerId()), claim.amounts()));
        releases.forEach(release -> wanted.put(new ConsumerKey(release.providerId(), release.consumerId()), Map.of()));
        return wanted;
    }

    public Set<UUID> consumers() {
        Set<UUID> consumers = new LinkedHashSet<>();
        claims.forEach(claim -> consumers.add(claim.consumerId()));
        releases.forEach(release -> consumers.add(release.consumerId()));
        return consumers;
    }

    public Set<UUID> providers() {
        Set<UUID> providers = new LinkedHashSet<>();
        claims.forEach(claim -> providers.add(claim.providerId()));
        releases.forEach(release -> providers.add(release.providerId()));
        return providers;
    }

    public Map<UUID, String> consumerTypes() {
        Map<UUID, String> types = new LinkedHashMap<>();
        claims.forEach(claim -> types.put(claim.consumerId(), claim.consumerType().name()));
        return types;
    }

    /** How many consumers the request names; each may be named once. */
    public int size() {
        return claims.size() + releases.size();
    }
}

package dev.hypervisor.cluster.service;

import dev.hypervisor.cluster.domain.ConsumerKey;
import dev.hypervisor.cluster.domain.InventoryKey;
import dev.hypervisor.cluster.domain.LedgerChange;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.domain.Shortage;
import dev.hypervisor.cluster.domain.WorkingInventories;
import dev.hypervisor.cluster.persistence.LedgerRepository;
import dev.hypervisor.cluster.persistence.LedgerRepository.JournalEntry;
import dev.hypervisor.cluster.persistence.LedgerRepository.StoredClaim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Applies a group of requests in one database transaction, each all or nothing, in order:
 * <ol>
 *   <li>lock every consumer the group names (so that a retried or concurrent change of a consumer waits),</li>
 *   <li>read what they hold now, and lock every inventory of the providers involved, in a fixed order,</li>
 *   <li>decide each request against what the requests before it left free ({@link WorkingInventories}),</li>
 *   <li>apply what was admitted: the net change of each inventory, the claims, and the journal.</li>
 * </ol>
 * No request of a group names a consumer another one names, so each is decided exactly as it would be alone.
 * There is no retry anywhere: the locks make every decision final. The database is asked three times: once for
 * steps 1 and 2, once for step 4, and to commit.
 */
@ApplicationScoped
public class LedgerTransaction {

    private final LedgerRepository ledger;
    private final Clock clock;

    public LedgerTransaction(LedgerRepository ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The outcome of each request, in the order given. */
    @Transactional
    public List<LedgerOutcome> apply(List<LedgerRequest> group) {
        Set<UUID> consumers = new LinkedHashSet<>();
        Set<UUID> providers = new LinkedHashSet<>();
        List<ConsumerKey> keys = new ArrayList<>();
        for (LedgerRequest request : group) {
            consumers.addAll(request.consumers());
            providers.addAll(request.providers());
            keys.addAll(request.wanted().keySet());
        }
        LedgerRepository.Locked locked = ledger.lockForChange(consumers, keys, providers);
        Map<ConsumerKey, StoredClaim> stored = locked.claims();
        WorkingInventories inventories = new WorkingInventories(locked.inventories());

        Instant now = clock.instant();
        List<LedgerOutcome> outcomes = new ArrayList<>();
        Map<ConsumerKey, Map<ResourceClass, Long>> claimsAfter = new LinkedHashMap<>();
        Map<UUID, String> types = new HashMap<>();
        List<JournalEntry> journal = new ArrayList<>();
        for (LedgerRequest request : group) {
            LedgerChange change = new LedgerChange(current(request, stored), request.wanted());
            LedgerOutcome outcome = decide(request, change, inventories);
            outcomes.add(outcome);
            if (!(outcome instanceof LedgerOutcome.Applied) || change.changesNothing()) {
                continue;
            }
            UUID changeId = UUID.randomUUID();
            Map<ConsumerKey, Map<ResourceClass, Long>> after = change.claimsAfter();
            change.claimDeltas().forEach((key, delta) -> {
                Map<ResourceClass, Long> held = after.get(key);
                claimsAfter.put(key, held);
                journal.add(new JournalEntry(changeId, key.providerId(), key.consumerId(),
                        held.isEmpty() ? "RELEASE" : "CLAIM", delta, request.actor(), request.reason()));
            });
            types.putAll(typesOf(request, stored));
        }

        SortedMap<InventoryKey, Long> deltas = inventories.netDeltas();
        int changed = ledger.write(deltas, claimsAfter, stored.keySet(), types, journal, now);
        if (changed != deltas.size()) {
            throw new IllegalStateException("the ledger applied " + changed + " of " + deltas.size()
                    + " inventory changes under lock: an inventory changed underneath it");
        }
        return outcomes;
    }

    private static LedgerOutcome decide(LedgerRequest request, LedgerChange change, WorkingInventories inventories) {
        for (UUID provider : request.providers()) {
            if (!inventories.offers(provider)) {
                return new LedgerOutcome.UnknownProvider(provider);
            }
        }
        if (change.changesNothing()) {
            return new LedgerOutcome.Applied();
        }
        List<Shortage> shortages = inventories.admit(change);
        return shortages.isEmpty() ? new LedgerOutcome.Applied() : new LedgerOutcome.Refused(shortages);
    }

    private static Map<ConsumerKey, Map<ResourceClass, Long>> current(LedgerRequest request,
                                                                      Map<ConsumerKey, StoredClaim> stored) {
        Map<ConsumerKey, Map<ResourceClass, Long>> current = new HashMap<>();
        request.wanted().keySet().forEach(key -> {
            StoredClaim claim = stored.get(key);
            if (claim != null) {
                current.put(key, claim.amounts());
            }
        });
        return current;
    }

    /** The consumer type of each claim: as asked, or for a release, as stored. */
    private static Map<UUID, String> typesOf(LedgerRequest request, Map<ConsumerKey, StoredClaim> stored) {
        Map<UUID, String> types = new HashMap<>();
        request.wanted().keySet().forEach(key -> {
            StoredClaim claim = stored.get(key);
            if (claim != null) {
                types.put(key.consumerId(), claim.consumerType());
            }
        });
        types.putAll(request.consumerTypes());
        return types;
    }
}

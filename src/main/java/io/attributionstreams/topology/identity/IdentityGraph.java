package io.attributionstreams.topology.identity;

import io.attributionstreams.facts.Interaction;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Pacing;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.identity.PendingFanOut.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Step 2, by identifier (a phone's or an email's pseudonym, or {@code id:<customer>}): which customers
 * claim it and which interactions carry it. A claim links the new claimant to every interaction waiting
 * at the identifier; an interaction attaching links it to every claimant; an unclaim or a detach
 * undoes exactly what it linked. Events go to the customers, keyed by customer id.
 *
 * <p>The work per event is the identifier's fan-out: the interactions it carries (for a claim) or
 * the customers claiming it (for an attach), never more; and it is spread: each event serves at most
 * {@link Pacing#fanOutBudget()} targets itself and leaves the rest to a punctuator, which serves that
 * many per {@link Pacing#fanOutInterval()} (see {@link FanOuts}). The metrics hear of each event's
 * fan-out, of a fan-out deferred, and of an identifier whose claimants pass the hot threshold, never
 * which one.
 *
 * <p>The claimant cap (docs/contract.md §10): an identifier more than K customers claim links none of
 * them, whatever the order its claims came in. Claims and carriers are stored as ever, so the answer
 * depends only on the claims held now: the claim that takes it over K replaces every claimant's fan-out
 * with an UNLINK, the unclaim that brings it back to K replaces every remaining claimant's with a LINK,
 * and in between claims, unclaims and attaches send nothing (a detach sends only while some claimant's
 * UNLINK is still under way: only then may a customer still hold the interaction). Each change of a
 * capped identifier's count is reported, keyed by its pseudonym; a tombstone when it is capped no more.
 */
final class IdentityGraph implements Processor<String, GraphEvent, String, GraphEvent> {
    private final IdentityEvents events;
    private final Pacing pacing;
    private final int maxClaimants;
    private ProcessorContext<String, GraphEvent> context;
    private KeyValueStore<String, Long> claims;
    private KeyValueStore<String, Versioned<Interaction>> carriers;
    private ClaimCounts counts;
    private FanOuts fanOuts;

    /** @param maxClaimants K, 0 for no cap */
    IdentityGraph(Pacing pacing, IdentityEvents events, int maxClaimants) {
        this.pacing = pacing;
        this.events = events;
        this.maxClaimants = maxClaimants;
    }

    @Override
    public void init(ProcessorContext<String, GraphEvent> context) {
        this.context = context;
        this.claims = context.getStateStore(Names.IDENTITY_CLAIMS);
        this.carriers = context.getStateStore(Names.IDENTITY_CARRIERS);
        this.counts = new ClaimCounts(context.getStateStore(Names.IDENTITY_CLAIM_COUNTS), claims, maxClaimants);
        // init runs again after a crash or a task moving here: the fan-outs left pending carry on
        this.fanOuts = new FanOuts(context, claims, carriers, context.getStateStore(Names.PENDING_FANOUTS), counts,
                events, pacing.fanOutBudget());
        context.schedule(pacing.fanOutInterval(), PunctuationType.WALL_CLOCK_TIME, now -> fanOuts.serveWaiting());
    }

    @Override
    public void process(Record<String, GraphEvent> record) {
        String identifier = record.key();
        GraphEvent event = record.value();
        long timestamp = record.timestamp();
        switch (event.kind()) {
            case CLAIM -> claim(identifier, event.customerId(), event.revision(), timestamp);
            case UNCLAIM -> unclaim(identifier, event.customerId(), event.revision(), timestamp);
            case ATTACH -> attach(identifier, event.interaction(), event.revision(), timestamp);
            case DETACH -> detach(identifier, event.factId(), event.revision(), timestamp);
            default -> throw new IllegalStateException("not an identity event: " + event.kind());
        }
    }

    private void claim(String identifier, String customerId, long revision, long timestamp) {
        String key = Names.compositeKey(identifier, customerId);
        Long known = claims.get(key);
        if (known != null && known >= revision) {
            return;
        }
        claims.put(key, revision);
        if (known != null) {
            return; // already linked through this identifier, or its link fan-out still under way
        }
        long claimants = counts.claimed(identifier);
        if (claimants == events.hotThreshold() + 1L) {
            events.becameHot();
        }
        if (!counts.cappedAt(identifier, claimants)) {
            fanOuts.start(FanOutKey.claim(identifier, customerId), Mode.LINK, revision, timestamp);
            return;
        }
        // capped: the new claimant holds nothing through it (what it held before is being unlinked)
        if (claimants == counts.maxClaimants() + 1) {
            events.becameCapped();
            forEachClaimant(identifier, other -> {
                if (!other.equals(customerId)) {
                    fanOuts.defer(FanOutKey.claim(identifier, other), Mode.UNLINK, revision, timestamp);
                }
            });
        }
        report(identifier, claimants, timestamp);
    }

    private void unclaim(String identifier, String customerId, long revision, long timestamp) {
        String key = Names.compositeKey(identifier, customerId);
        Long known = claims.get(key);
        if (known == null || known >= revision) {
            return;
        }
        claims.delete(key);
        long claimants = counts.unclaimed(identifier);
        if (!counts.cappedAt(identifier, claimants + 1)) {
            fanOuts.start(FanOutKey.claim(identifier, customerId), Mode.UNLINK, revision, timestamp);
            return;
        }
        // it was capped: this customer holds nothing through it, or its UNLINK is under way
        if (!counts.cappedAt(identifier, claimants)) {
            events.becameUncapped();
            forEachClaimant(identifier, other -> fanOuts.defer(FanOutKey.claim(identifier, other), Mode.LINK,
                    claims.get(Names.compositeKey(identifier, other)), timestamp));
            report(identifier, 0, timestamp);
        } else {
            report(identifier, claimants, timestamp);
        }
    }

    private void attach(String identifier, Interaction interaction, long revision, long timestamp) {
        String key = Names.compositeKey(identifier, interaction.interactionId());
        Versioned<Interaction> known = carriers.get(key);
        if (known != null && known.revision() >= revision) {
            return;
        }
        carriers.put(key, new Versioned<>(interaction, revision));
        FanOutKey fanOut = FanOutKey.attach(identifier, interaction.interactionId());
        if (counts.capped(identifier)) {
            // links nobody; a customer still holding it is reached by its own UNLINK, which scans the carriers
            fanOuts.cancel(fanOut);
            return;
        }
        // new or changed payload: every claimant gets it, those a pending fan-out already reached too
        fanOuts.start(fanOut, Mode.LINK, revision, timestamp);
    }

    private void detach(String identifier, String interactionId, long revision, long timestamp) {
        String key = Names.compositeKey(identifier, interactionId);
        Versioned<Interaction> known = carriers.get(key);
        if (known == null || known.revision() >= revision) {
            return;
        }
        carriers.delete(key);
        FanOutKey fanOut = FanOutKey.attach(identifier, interactionId);
        if (counts.capped(identifier) && !fanOuts.anyWaiting(identifier, FanOutKey.Side.CLAIM)) {
            fanOuts.cancel(fanOut); // every claimant's UNLINK is done: nobody holds it through this identifier
            return;
        }
        fanOuts.start(fanOut, Mode.UNLINK, revision, timestamp);
    }

    private void forEachClaimant(String identifier, Consumer<String> action) {
        List<String> claimants = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = claims.prefixScan(Names.prefixOf(identifier),
                Serdes.String().serializer())) {
            it.forEachRemaining(kv -> claimants.add(Names.partOf(kv.key)));
        }
        claimants.forEach(action);
    }

    /**
     * Reports a capped identifier's claimants (0: capped no more), keyed by its pseudonym: the identifier
     * without its kind's prefix, as the batch engine's {@code capped.csv} names it.
     */
    private void report(String identifier, long claimants, long timestamp) {
        String pseudonym = identifier.substring(identifier.indexOf(':') + 1);
        context.forward(new Record<>(pseudonym, GraphEvent.capped(pseudonym, claimants), timestamp));
    }
}

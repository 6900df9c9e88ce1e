package io.attributionstreams.topology.identity;

import io.attributionstreams.facts.Interaction;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Pacing;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.identity.PendingFanOut.Mode;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Step 2, by identifier (E.164 phone, email, or {@code id:<customer>}): which customers claim it
 * and which interactions carry it. A claim links the new claimant to every interaction waiting at
 * the identifier; an interaction attaching links it to every claimant; an unclaim or a detach
 * undoes exactly what it linked. Events go to the customers, keyed by customer id.
 *
 * <p>The work per event is the identifier's fan-out: the interactions it carries (for a claim) or
 * the customers claiming it (for an attach), never more; and it is spread: each event serves at most
 * {@link Pacing#fanOutBudget()} targets itself and leaves the rest to a punctuator, which serves that
 * many per {@link Pacing#fanOutInterval()} (see {@link FanOuts}). The metrics hear of each event's
 * fan-out, of a fan-out deferred, and of an identifier whose claimants pass the hot threshold, never
 * which one.
 */
final class IdentityGraph implements Processor<String, GraphEvent, String, GraphEvent> {
    private final IdentityEvents events;
    private final Pacing pacing;
    private KeyValueStore<String, Long> claims;
    private KeyValueStore<String, Versioned<Interaction>> carriers;
    private FanOuts fanOuts;

    IdentityGraph(Pacing pacing, IdentityEvents events) {
        this.pacing = pacing;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<String, GraphEvent> context) {
        this.claims = context.getStateStore(Names.IDENTITY_CLAIMS);
        this.carriers = context.getStateStore(Names.IDENTITY_CARRIERS);
        // init runs again after a crash or a task moving here: the fan-outs left pending carry on
        this.fanOuts = new FanOuts(context, claims, carriers, context.getStateStore(Names.PENDING_FANOUTS), events,
                pacing.fanOutBudget());
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
        if (justTurnedHot(identifier)) {
            events.becameHot();
        }
        fanOuts.start(FanOutKey.claim(identifier, customerId), Mode.LINK, revision, timestamp);
    }

    private void unclaim(String identifier, String customerId, long revision, long timestamp) {
        String key = Names.compositeKey(identifier, customerId);
        Long known = claims.get(key);
        if (known == null || known >= revision) {
            return;
        }
        claims.delete(key);
        fanOuts.start(FanOutKey.claim(identifier, customerId), Mode.UNLINK, revision, timestamp);
    }

    private void attach(String identifier, Interaction interaction, long revision, long timestamp) {
        String key = Names.compositeKey(identifier, interaction.interactionId());
        Versioned<Interaction> known = carriers.get(key);
        if (known != null && known.revision() >= revision) {
            return;
        }
        carriers.put(key, new Versioned<>(interaction, revision));
        // new or changed payload: every claimant gets it, those a pending fan-out already reached too
        fanOuts.start(FanOutKey.attach(identifier, interaction.interactionId()), Mode.LINK, revision, timestamp);
    }

    private void detach(String identifier, String interactionId, long revision, long timestamp) {
        String key = Names.compositeKey(identifier, interactionId);
        Versioned<Interaction> known = carriers.get(key);
        if (known == null || known.revision() >= revision) {
            return;
        }
        carriers.delete(key);
        fanOuts.start(FanOutKey.attach(identifier, interactionId), Mode.UNLINK, revision, timestamp);
    }

    /**
     * Whether the claim just stored is the one that took the identifier over the hot threshold:
     * exactly threshold + 1 claimants now. The count stops one past that, so the check costs the
     * threshold, not the whole fan-out of a call-centre number.
     */
    private boolean justTurnedHot(String identifier) {
        long threshold = events.hotThreshold();
        return claimants(identifier, threshold + 2) == threshold + 1;
    }

    private long claimants(String identifier, long limit) {
        long count = 0;
        try (KeyValueIterator<String, Long> it = claims.prefixScan(Names.prefixOf(identifier),
                Serdes.String().serializer())) {
            while (count < limit && it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }
}

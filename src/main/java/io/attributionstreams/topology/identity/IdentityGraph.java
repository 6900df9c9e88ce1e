package io.attributionstreams.topology.identity;

import io.attributionstreams.facts.Interaction;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.GraphEvent.Link;
import io.attributionstreams.topology.events.Versioned;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
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
 * the customers claiming it (for an attach), never more. Links for one claim go out in batches so
 * a customer receives many waiting interactions in a few events, not one each. The metrics hear of
 * each event's fan-out and of an identifier whose claimants pass the hot threshold, never which one.
 */
final class IdentityGraph implements Processor<String, GraphEvent, String, GraphEvent> {
    /** Interactions per link event: keeps records far below the broker's size limit. */
    static final int LINKS_PER_EVENT = 200;

    private final IdentityEvents events;
    private ProcessorContext<String, GraphEvent> context;
    private KeyValueStore<String, Long> claims;
    private KeyValueStore<String, Versioned<Interaction>> carriers;

    IdentityGraph(IdentityEvents events) {
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<String, GraphEvent> context) {
        this.context = context;
        this.claims = context.getStateStore(Names.IDENTITY_CLAIMS);
        this.carriers = context.getStateStore(Names.IDENTITY_CARRIERS);
    }

    @Override
    public void process(Record<String, GraphEvent> record) {
        String identifier = record.key();
        GraphEvent event = record.value();
        switch (event.kind()) {
            case CLAIM -> claim(record, identifier, event.customerId(), event.revision());
            case UNCLAIM -> unclaim(record, identifier, event.customerId(), event.revision());
            case ATTACH -> attach(record, identifier, event.interaction(), event.revision());
            case DETACH -> detach(record, identifier, event.factId(), event.revision());
            default -> throw new IllegalStateException("not an identity event: " + event.kind());
        }
    }

    private void claim(Record<String, GraphEvent> record, String identifier, String customerId, long revision) {
        String key = Names.compositeKey(identifier, customerId);
        Long known = claims.get(key);
        if (known != null && known >= revision) {
            return;
        }
        claims.put(key, revision);
        if (known != null) {
            return; // already linked through this identifier
        }
        if (justTurnedHot(identifier)) {
            events.becameHot();
        }
        List<Link> batch = new ArrayList<>();
        int sent = 0;
        try (KeyValueIterator<String, Versioned<Interaction>> it = carriers.prefixScan(Names.prefixOf(identifier),
                org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) {
                Versioned<Interaction> carried = it.next().value;
                batch.add(Link.to(carried.fact(), carried.revision()));
                if (batch.size() == LINKS_PER_EVENT) {
                    sent += batch.size();
                    forward(record, customerId, GraphEvent.link(customerId, identifier, batch));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            sent += batch.size();
            forward(record, customerId, GraphEvent.link(customerId, identifier, batch));
        }
        events.fannedOut(sent);
    }

    private void unclaim(Record<String, GraphEvent> record, String identifier, String customerId, long revision) {
        String key = Names.compositeKey(identifier, customerId);
        Long known = claims.get(key);
        if (known == null || known >= revision) {
            return;
        }
        claims.delete(key);
        List<Link> batch = new ArrayList<>();
        try (KeyValueIterator<String, Versioned<Interaction>> it = carriers.prefixScan(Names.prefixOf(identifier),
                org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, Versioned<Interaction>> carried = it.next();
                batch.add(Link.away(Names.partOf(carried.key), carried.value.revision()));
                if (batch.size() == LINKS_PER_EVENT) {
                    forward(record, customerId, GraphEvent.unlink(customerId, identifier, batch));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            forward(record, customerId, GraphEvent.unlink(customerId, identifier, batch));
        }
    }

    private void attach(Record<String, GraphEvent> record, String identifier, Interaction interaction, long revision) {
        String key = Names.compositeKey(identifier, interaction.interactionId());
        Versioned<Interaction> known = carriers.get(key);
        if (known != null && known.revision() >= revision) {
            return;
        }
        carriers.put(key, new Versioned<>(interaction, revision));
        List<Link> link = List.of(Link.to(interaction, revision));
        events.fannedOut(forEachClaimant(identifier, customerId ->
                forward(record, customerId, GraphEvent.link(customerId, identifier, link))));
    }

    private void detach(Record<String, GraphEvent> record, String identifier, String interactionId, long revision) {
        String key = Names.compositeKey(identifier, interactionId);
        Versioned<Interaction> known = carriers.get(key);
        if (known == null || known.revision() >= revision) {
            return;
        }
        carriers.delete(key);
        List<Link> link = List.of(Link.away(interactionId, revision));
        forEachClaimant(identifier, customerId ->
                forward(record, customerId, GraphEvent.unlink(customerId, identifier, link)));
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
                org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (count < limit && it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }

    private int forEachClaimant(String identifier, java.util.function.Consumer<String> action) {
        int count = 0;
        try (KeyValueIterator<String, Long> it = claims.prefixScan(Names.prefixOf(identifier),
                org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) {
                action.accept(Names.partOf(it.next().key));
                count++;
            }
        }
        return count;
    }

    private void forward(Record<String, GraphEvent> record, String customerId, GraphEvent event) {
        context.forward(record.withKey(customerId).withValue(event));
    }
}

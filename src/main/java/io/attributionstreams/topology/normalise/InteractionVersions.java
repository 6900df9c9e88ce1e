package io.attributionstreams.topology.normalise;

import io.attributionstreams.facts.Interaction;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.privacy.ErasedFacts;
import io.attributionstreams.topology.erasure.Erasure;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Keyed;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.ArrayList;
import java.util.List;

/**
 * Interactions: the new version attaches to each identifier it carries (with its payload, so the
 * customers there see a corrected channel or time), and detaches from each one it no longer carries.
 */
final class InteractionVersions extends FactVersions<RawInteraction, Interaction> {
    private final FactNormaliser normaliser;

    InteractionVersions(String storeName, FactNormaliser normaliser, Runnable arrived, Erasure erasure) {
        super(storeName, "interaction_id", JsonSerde.of(RawInteraction.class), arrived, erasure);
        this.normaliser = normaliser;
    }

    @Override
    Interaction normalise(RawInteraction raw) {
        return normaliser.interaction(raw);
    }

    @Override
    String rawId(RawInteraction raw) {
        return raw.interactionId();
    }

    @Override
    Interaction erased(ErasedFacts facts, Interaction fact) {
        return facts.interaction(fact);
    }

    @Override
    String idOf(Interaction fact) {
        return fact.interactionId();
    }

    @Override
    List<Keyed<GraphEvent>> changes(String id, Interaction before, Interaction after, long revision) {
        List<String> old = before == null ? List.of() : before.identifiers();
        List<String> now = after == null ? List.of() : after.identifiers();
        List<Keyed<GraphEvent>> events = new ArrayList<>();
        // attach before detach: where both reach the same customer in order, the touchpoint is never
        // dropped in between (an answer is not restated twice for nothing)
        for (String identifier : now) {
            events.add(new Keyed<>(identifier, GraphEvent.attach(after, revision)));
        }
        for (String identifier : old) {
            if (!now.contains(identifier)) {
                events.add(new Keyed<>(identifier, GraphEvent.detach(id, revision)));
            }
        }
        return events;
    }
}

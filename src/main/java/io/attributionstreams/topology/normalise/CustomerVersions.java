package io.attributionstreams.topology.normalise;

import io.attributionstreams.facts.Customer;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.privacy.ErasedFacts;
import io.attributionstreams.topology.erasure.Erasure;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Keyed;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Customers: a claim for each identifier gained, an unclaim for each one lost (a deleted
 * customer loses all), and a status event when the customer appears or disappears.
 */
final class CustomerVersions extends FactVersions<RawCustomer, Customer> {
    private final FactNormaliser normaliser;

    CustomerVersions(String storeName, FactNormaliser normaliser, Runnable arrived, Erasure erasure) {
        super(storeName, "customer_id", JsonSerde.of(RawCustomer.class), arrived, erasure);
        this.normaliser = normaliser;
    }

    @Override
    Customer normalise(RawCustomer raw) {
        return normaliser.customer(raw);
    }

    @Override
    String rawId(RawCustomer raw) {
        return raw.customerId();
    }

    @Override
    Customer erased(ErasedFacts facts, Customer fact) {
        return facts.customer(fact);
    }

    /** The row's key is the customer id: a customer erased by id keeps no row. */
    @Override
    boolean forgetsErasedRow() {
        return true;
    }

    /** A customer deleted before its erasure: the customer steps forget the marks they keep under its id. */
    @Override
    List<Keyed<GraphEvent>> forgotten(String id, long revision) {
        return List.of(new Keyed<>(id, GraphEvent.status(id, false, revision)));
    }

    @Override
    String idOf(Customer fact) {
        return fact.customerId();
    }

    /** The same identifiers in another order assert nothing new. */
    @Override
    boolean same(Customer before, Customer after) {
        return before != null && before.identifiers().equals(after.identifiers());
    }

    @Override
    List<Keyed<GraphEvent>> changes(String id, Customer before, Customer after, long revision) {
        Set<String> old = before == null ? Set.of() : before.identifiers();
        Set<String> now = after == null ? Set.of() : after.identifiers();
        List<Keyed<GraphEvent>> events = new ArrayList<>();
        if ((before == null) != (after == null)) {
            events.add(new Keyed<>(id, GraphEvent.status(id, after != null, revision)));
        }
        // claims before unclaims, for the same reason interactions attach before they detach
        for (String identifier : now) {
            if (!old.contains(identifier)) {
                events.add(new Keyed<>(identifier, GraphEvent.claim(id, true, revision)));
            }
        }
        for (String identifier : old) {
            if (!now.contains(identifier)) {
                events.add(new Keyed<>(identifier, GraphEvent.claim(id, false, revision)));
            }
        }
        return events;
    }
}

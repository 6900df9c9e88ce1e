package io.attributionstreams.topology.normalise;

import io.attributionstreams.facts.Payment;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.privacy.ErasedFacts;
import io.attributionstreams.topology.erasure.Erasure;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Keyed;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.ArrayList;
import java.util.List;

/** Payments: to their customer; one that moves is also retracted from the customer it left. */
final class PaymentVersions extends FactVersions<RawPayment, Payment> {
    private final FactNormaliser normaliser;

    PaymentVersions(String storeName, FactNormaliser normaliser, Runnable arrived, Erasure erasure) {
        super(storeName, "payment_id", JsonSerde.of(RawPayment.class), arrived, erasure);
        this.normaliser = normaliser;
    }

    @Override
    Payment normalise(RawPayment raw) {
        return normaliser.payment(raw);
    }

    @Override
    String rawId(RawPayment raw) {
        return raw.paymentId();
    }

    @Override
    Payment erased(ErasedFacts facts, Payment fact) {
        return facts.payment(fact);
    }

    @Override
    String idOf(Payment fact) {
        return fact.paymentId();
    }

    @Override
    List<Keyed<GraphEvent>> changes(String id, Payment before, Payment after, long revision) {
        List<Keyed<GraphEvent>> events = new ArrayList<>(2);
        if (before != null && (after == null || !before.customerId().equals(after.customerId()))) {
            events.add(new Keyed<>(before.customerId(), GraphEvent.payment(before.customerId(), id, null, revision)));
        }
        if (after != null) {
            events.add(new Keyed<>(after.customerId(), GraphEvent.payment(after.customerId(), id, after, revision)));
        }
        return events;
    }
}

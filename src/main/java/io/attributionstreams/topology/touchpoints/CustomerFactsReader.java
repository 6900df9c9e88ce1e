package io.attributionstreams.topology.touchpoints;

import io.attributionstreams.attribution.CustomerFacts;
import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.events.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One customer's facts as the customer stores hold them: its touchpoints, and the appointments and
 * payments that are present (not retracted). The attribute step reads them to recompute; the
 * interactive query reads them (through read-only views of the same stores) to answer.
 */
public record CustomerFactsReader(
        ReadOnlyKeyValueStore<String, CustomerStatus> status,
        ReadOnlyKeyValueStore<String, TouchpointLinks> touchpoints,
        ReadOnlyKeyValueStore<String, Versioned<Appointment>> appointments,
        ReadOnlyKeyValueStore<String, Versioned<Payment>> payments) {

    /** The customer's facts, or empty while the customer does not exist. */
    public Optional<CustomerFacts> read(String customerId) {
        CustomerStatus known = status.get(customerId);
        if (known == null || !known.exists()) {
            return Optional.empty();
        }
        List<Interaction> tps = new ArrayList<>();
        try (KeyValueIterator<String, TouchpointLinks> it = scan(touchpoints, customerId)) {
            it.forEachRemaining(kv -> tps.add(kv.value.interaction()));
        }
        return Optional.of(new CustomerFacts(customerId, tps, present(appointments, customerId),
                present(payments, customerId)));
    }

    private static <F> List<F> present(ReadOnlyKeyValueStore<String, Versioned<F>> store, String customerId) {
        List<F> facts = new ArrayList<>();
        try (KeyValueIterator<String, Versioned<F>> it = scan(store, customerId)) {
            it.forEachRemaining(kv -> {
                if (kv.value.fact() != null) {
                    facts.add(kv.value.fact());
                }
            });
        }
        return facts;
    }

    /** Every entry of one customer in a store keyed by {@link Names#compositeKey}. */
    public static <V> KeyValueIterator<String, V> scan(ReadOnlyKeyValueStore<String, V> store, String customerId) {
        return store.prefixScan(Names.prefixOf(customerId), Serdes.String().serializer());
    }
}

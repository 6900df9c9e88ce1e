package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.CustomerAttributor;
import io.attributionstreams.attribution.CustomerFacts;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.outputs.AttributionUpdate;
import io.attributionstreams.topology.touchpoints.CustomerStatus;
import io.attributionstreams.topology.touchpoints.TouchpointLinks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Step 3b, by customer id: recomputes a changed customer's answers with the batch engine's own
 * per-customer code, compares each (type, model) with the last emitted answer, and emits only what
 * changed: a record with the version raised by one, a tombstone when an answer disappears, and the
 * per-channel delta (new contribution minus old) for the channel totals.
 */
final class AttributeProcessor implements Processor<String, String, String, AnswerChange> {
    private final CustomerAttributor attributor;
    private final AttributionEvents events;
    private ProcessorContext<String, AnswerChange> context;
    private KeyValueStore<String, CustomerStatus> status;
    private KeyValueStore<String, TouchpointLinks> touchpoints;
    private KeyValueStore<String, Versioned<Appointment>> appointments;
    private KeyValueStore<String, Versioned<Payment>> payments;
    private KeyValueStore<String, EmittedAnswer> answers;

    AttributeProcessor(CustomerAttributor attributor, AttributionEvents events) {
        this.attributor = attributor;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<String, AnswerChange> context) {
        this.context = context;
        this.status = context.getStateStore(Names.CUSTOMER_STATUS);
        this.touchpoints = context.getStateStore(Names.CUSTOMER_TOUCHPOINTS);
        this.appointments = context.getStateStore(Names.CUSTOMER_APPOINTMENTS);
        this.payments = context.getStateStore(Names.CUSTOMER_PAYMENTS);
        this.answers = context.getStateStore(Names.CUSTOMER_ANSWERS);
    }

    @Override
    public void process(Record<String, String> record) {
        String customerId = record.key();
        Map<String, Outcome> now = new LinkedHashMap<>();
        for (Outcome outcome : attributor.attribute(facts(customerId))) {
            now.put(answerKey(outcome), outcome);
        }
        Map<String, EmittedAnswer> before = emittedAnswers(customerId);
        List<String> keys = new ArrayList<>(before.keySet());
        now.keySet().stream().filter(k -> !before.containsKey(k)).forEach(keys::add);
        for (String key : keys) {
            EmittedAnswer last = before.get(key);
            Outcome old = last == null ? null : last.outcome();
            Outcome outcome = now.get(key);
            if (Objects.equals(old, outcome)) {
                continue;
            }
            long version = last == null ? 0 : last.version();
            if (outcome != null && outcome.attributed()) {
                version++;
                emitUpdate(record, outcome.key(), AttributionUpdate.of(outcome, version));
                events.updated(outcome, old != null && old.attributed());
            } else if (old != null && old.attributed()) {
                emitUpdate(record, old.key(), null);
                events.retracted(old);
            }
            emitDeltas(record, old, outcome);
            answers.put(key, new EmittedAnswer(version, outcome));
        }
    }

    /** The customer's facts from the stores; none at all while the customer does not exist. */
    private CustomerFacts facts(String customerId) {
        CustomerStatus known = status.get(customerId);
        if (known == null || !known.exists()) {
            return new CustomerFacts(customerId, List.of(), List.of(), List.of());
        }
        List<Interaction> tps = new ArrayList<>();
        try (KeyValueIterator<String, TouchpointLinks> it = scan(touchpoints, customerId)) {
            it.forEachRemaining(kv -> tps.add(kv.value.interaction()));
        }
        // only existing customers: one that does not exist has no touchpoints by definition, not zero of them
        events.recomputed(tps.size());
        return new CustomerFacts(customerId, tps, present(appointments, customerId), present(payments, customerId));
    }

    private static <F> List<F> present(KeyValueStore<String, Versioned<F>> store, String customerId) {
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

    private Map<String, EmittedAnswer> emittedAnswers(String customerId) {
        Map<String, EmittedAnswer> emitted = new HashMap<>();
        try (KeyValueIterator<String, EmittedAnswer> it = scan(answers, customerId)) {
            while (it.hasNext()) {
                KeyValue<String, EmittedAnswer> kv = it.next();
                emitted.put(kv.key, kv.value);
            }
        }
        return emitted;
    }

    private void emitDeltas(Record<String, String> record, Outcome old, Outcome outcome) {
        Map<ChannelKey, ChannelTotal> delta = new HashMap<>();
        if (outcome != null) {
            delta.putAll(ChannelTotals.contribution(outcome));
        }
        if (old != null) {
            ChannelTotals.contribution(old).forEach((key, part) ->
                    delta.merge(key, ChannelTotal.ZERO.minus(part), ChannelTotal::plus));
        }
        delta.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> emit(record, e.getKey().topicKey(), AnswerChange.delta(e.getValue())));
    }

    /** An update, or a tombstone when {@code update} is null, timed from the input record that caused it. */
    private void emitUpdate(Record<String, String> record, String key, AttributionUpdate update) {
        emit(record, key, AnswerChange.update(update));
        events.written(context.currentSystemTimeMs() - record.timestamp());
    }

    private void emit(Record<String, String> record, String key, AnswerChange change) {
        context.forward(record.withKey(key).withValue(change));
    }

    private static String answerKey(Outcome outcome) {
        return Names.compositeKey(outcome.customerId(), outcome.type().name() + '|' + outcome.model());
    }

    private static <V> KeyValueIterator<String, V> scan(KeyValueStore<String, V> store, String customerId) {
        return store.prefixScan(Names.prefixOf(customerId), Serdes.String().serializer());
    }
}

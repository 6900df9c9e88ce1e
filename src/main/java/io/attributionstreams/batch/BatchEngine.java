package io.attributionstreams.batch;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.CustomerAttributor;
import io.attributionstreams.attribution.CustomerFacts;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.identity.IdentityIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference answer: every customer's attribution from the final state of the facts, computed
 * with the same per-customer code the streaming topology calls.
 */
public final class BatchEngine {
    private static final Comparator<Outcome> OUTPUT_ORDER = Comparator
            .comparing(Outcome::customerId)
            .thenComparing(o -> o.type().name())
            .thenComparing(Outcome::model);

    private final CustomerAttributor attributor;

    public BatchEngine(AttributionSettings settings) {
        this.attributor = new CustomerAttributor(settings);
    }

    public BatchResult run(FactSet facts) {
        IdentityIndex identity = new IdentityIndex(facts.customers());
        Map<String, List<Interaction>> touchpoints = new HashMap<>();
        for (Interaction interaction : facts.interactions()) {
            for (String customerId : identity.customersOf(interaction)) {
                touchpoints.computeIfAbsent(customerId, k -> new ArrayList<>()).add(interaction);
            }
        }
        Map<String, List<Appointment>> appointments = new HashMap<>();
        for (Appointment a : facts.appointments()) {
            if (identity.exists(a.customerId())) {
                appointments.computeIfAbsent(a.customerId(), k -> new ArrayList<>()).add(a);
            }
        }
        Map<String, List<Payment>> payments = new HashMap<>();
        for (Payment p : facts.payments()) {
            if (identity.exists(p.customerId())) {
                payments.computeIfAbsent(p.customerId(), k -> new ArrayList<>()).add(p);
            }
        }

        List<Outcome> attributed = new ArrayList<>();
        ChannelTotals channels = new ChannelTotals();
        long converted = 0;
        for (Customer customer : facts.customers()) {
            String id = customer.customerId();
            List<Outcome> outcomes = attributor.attribute(new CustomerFacts(id,
                    touchpoints.getOrDefault(id, List.of()),
                    appointments.getOrDefault(id, List.of()),
                    payments.getOrDefault(id, List.of())));
            if (!outcomes.isEmpty()) {
                converted++;
            }
            for (Outcome outcome : outcomes) {
                channels.add(outcome);
                if (outcome.attributed()) {
                    attributed.add(outcome);
                }
            }
        }
        attributed.sort(OUTPUT_ORDER);
        return new BatchResult(attributed, channels.rows(), facts.rejects(), facts.rows(),
                facts.customers().size(), converted);
    }
}

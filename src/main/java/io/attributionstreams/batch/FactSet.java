package io.attributionstreams.batch;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.normalise.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The final state of the facts: each an upsert by id, the last row per id winning, as a stream of
 * upserts would leave it. A rejected row changes nothing (the streaming app sends it to the
 * dead-letter topic and keeps the fact's previous version), and is listed in {@link #rejects()}.
 */
public final class FactSet {
    private final FactNormaliser normaliser;
    private final Map<String, Customer> customers = new HashMap<>();
    private final Map<String, Interaction> interactions = new HashMap<>();
    private final Map<String, Appointment> appointments = new HashMap<>();
    private final Map<String, Payment> payments = new HashMap<>();
    private final List<Reject> rejects = new ArrayList<>();
    private final Map<String, String> interned = new HashMap<>();
    private long rows;

    public FactSet(FactNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    /** Takes one CSV row of any of the four files. */
    public void accept(CsvRow row) {
        rows++;
        switch (row.file()) {
            case CUSTOMERS -> upsert(row, customers, r -> normaliser.customer(r.customer()), Customer::customerId);
            case INTERACTIONS -> upsert(row, interactions, r -> intern(normaliser.interaction(r.interaction())),
                    Interaction::interactionId);
            case APPOINTMENTS -> upsert(row, appointments, r -> normaliser.appointment(r.appointment()),
                    Appointment::appointmentId);
            case PAYMENTS -> upsert(row, payments, r -> normaliser.payment(r.payment()), Payment::paymentId);
            default -> throw new IllegalStateException("unhandled " + row.file());
        }
    }

    private <T> void upsert(CsvRow row, Map<String, T> facts, Function<CsvRow, T> normalise, Function<T, String> id) {
        try {
            T fact = normalise.apply(row);
            facts.put(id.apply(fact), fact);
        } catch (RejectedFactException e) {
            String rawId = Text.clean(row.id());
            rejects.add(new Reject(row.file().fileName(), row.line(), rawId == null ? "" : rawId, e.reason()));
        }
    }

    /** Channels, campaigns and customer ids repeat across a million rows: keep one copy of each. */
    private Interaction intern(Interaction i) {
        return new Interaction(i.interactionId(), i.type(), i.occurredAt(), intern(i.channel()),
                intern(i.campaign()), i.phone(), i.email(), intern(i.customerId()));
    }

    private String intern(String value) {
        return value == null ? null : interned.computeIfAbsent(value, Function.identity());
    }

    public Collection<Customer> customers() {
        return customers.values();
    }

    public Collection<Interaction> interactions() {
        return interactions.values();
    }

    public Collection<Appointment> appointments() {
        return appointments.values();
    }

    public Collection<Payment> payments() {
        return payments.values();
    }

    /** Rejected rows in the order they were read. */
    public List<Reject> rejects() {
        return rejects;
    }

    public long rows() {
        return rows;
    }
}

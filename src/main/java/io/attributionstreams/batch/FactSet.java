package io.attributionstreams.batch;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.facts.Spend;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.normalise.SuppressedFactException;
import io.attributionstreams.normalise.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;

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
    private final Map<String, Spend> spend = new HashMap<>();
    private boolean spendRead;
    private final List<Reject> rejects = new ArrayList<>();
    /** Filled while normalising, on every core. */
    private final Map<String, String> interned = new ConcurrentHashMap<>();
    private long rows;
    private long dropped;

    public FactSet(FactNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    /** Takes one CSV row of any of the four files. */
    public void accept(CsvRow row) {
        apply(row, normalise(row));
    }

    /**
     * Takes rows in file order. Normalising is pure and the costly part (phones, times), so it
     * runs in parallel; the upserts then apply in order, so the last row per id still wins.
     */
    public void acceptAll(List<CsvRow> batch) {
        Object[] normalised = new Object[batch.size()];
        IntStream.range(0, batch.size()).parallel().forEach(i -> normalised[i] = normalise(batch.get(i)));
        for (int i = 0; i < normalised.length; i++) {
            apply(batch.get(i), normalised[i]);
        }
    }

    /** The normalised fact, or the {@link RejectedFactException} saying why there is none. */
    private Object normalise(CsvRow row) {
        try {
            return switch (row.file()) {
                case CUSTOMERS -> normaliser.customer(row.customer());
                case INTERACTIONS -> intern(normaliser.interaction(row.interaction()));
                case APPOINTMENTS -> normaliser.appointment(row.appointment());
                case PAYMENTS -> normaliser.payment(row.payment());
                case SPEND -> intern(normaliser.spend(row.spend()));
            };
        } catch (RejectedFactException | SuppressedFactException e) {
            return e;
        }
    }

    private void apply(CsvRow row, Object normalised) {
        rows++;
        if (normalised instanceof RejectedFactException e) {
            String rawId = Text.clean(row.id());
            rejects.add(new Reject(row.file().fileName(), row.line(), rawId == null ? "" : rawId, e.reason()));
        } else if (normalised instanceof SuppressedFactException) {
            // docs/contract.md §11: the fact's final version names nothing but erased subjects, so the
            // fact counts for nothing (an earlier version of it is gone too); no reject keeps it
            String rawId = Text.clean(row.id());
            if (rawId != null) {
                switch (row.file()) {
                    case CUSTOMERS -> customers.remove(rawId);
                    case INTERACTIONS -> interactions.remove(rawId);
                    case APPOINTMENTS -> appointments.remove(rawId);
                    case PAYMENTS -> payments.remove(rawId);
                    case SPEND -> spend.remove(rawId);
                }
            }
            dropped++;
        } else if (normalised instanceof Customer c) {
            customers.put(c.customerId(), c);
        } else if (normalised instanceof Interaction i) {
            interactions.put(i.interactionId(), i);
        } else if (normalised instanceof Appointment a) {
            appointments.put(a.appointmentId(), a);
        } else if (normalised instanceof Payment p) {
            payments.put(p.paymentId(), p);
        } else if (normalised instanceof Spend s) {
            spend.put(s.spendId(), s);
        } else {
            throw new IllegalStateException("unexpected " + normalised);
        }
    }

    /** Channels, campaigns and customer ids repeat across a million rows: keep one copy of each. */
    private Interaction intern(Interaction i) {
        return new Interaction(i.interactionId(), i.type(), i.occurredAt(), intern(i.channel()),
                intern(i.campaign()), i.phone(), i.email(), intern(i.customerId()));
    }

    private Spend intern(Spend s) {
        return new Spend(s.spendId(), intern(s.channel()), intern(s.campaign()), s.spentOn(), s.amountCents());
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

    public Collection<Spend> spend() {
        return spend.values();
    }

    /** Whether the input had spend facts to read (a {@code spend.csv}): the outputs then show money. */
    public boolean hasSpend() {
        return spendRead;
    }

    /** Marks that the input has spend facts, even if every row was rejected. */
    public void spendRead() {
        spendRead = true;
    }

    /** Rejected rows in the order they were read. */
    public List<Reject> rejects() {
        return rejects;
    }

    public long rows() {
        return rows;
    }

    /** Rows dropped because they named nothing but suppressed subjects (docs/contract.md §11). */
    public long dropped() {
        return dropped;
    }
}

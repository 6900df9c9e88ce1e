package io.attributionstreams.topology.serde;

import io.attributionstreams.attribution.FieldReader;
import io.attributionstreams.attribution.FieldWriter;
import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import io.attributionstreams.facts.Payment;
import java.time.Instant;
import java.util.List;

/**
 * The binary layout of the normalised facts inside the project's binary records (the touchpoint store, the
 * identity graph's events): fields in a fixed order, written by {@link FieldWriter}. An enum travels as its
 * ordinal, so {@link InteractionType}'s constants keep their order; a new one goes last.
 */
public final class BinaryFacts {
    private static final InteractionType[] TYPES = InteractionType.values();
    private static final byte ABSENT = 0;
    private static final byte PRESENT = 1;

    private BinaryFacts() {
    }

    /** An interaction, every field present but the optional identifiers (the touchpoint store's layout). */
    public static void interaction(FieldWriter out, Interaction i) {
        out.text(i.interactionId()).tag((byte) i.type().ordinal());
        out.number(i.occurredAt().getEpochSecond()).number(i.occurredAt().getNano());
        out.text(i.channel()).text(i.campaign()).text(i.phone()).text(i.email()).text(i.customerId());
    }

    public static Interaction interaction(FieldReader in) {
        String id = in.text();
        InteractionType type = TYPES[in.tag()];
        Instant occurredAt = Instant.ofEpochSecond(in.number(), in.number());
        return new Interaction(id, type, occurredAt, in.text(), in.text(), in.text(), in.text(), in.text());
    }

    /** An interaction or none, led by a presence byte. */
    public static void optionalInteraction(FieldWriter out, Interaction i) {
        if (present(out, i)) {
            interaction(out, i);
        }
    }

    public static Interaction optionalInteraction(FieldReader in) {
        return present(in) ? interaction(in) : null;
    }

    /** A customer: its id, then its phones and its emails, each a count and the texts. */
    public static void customer(FieldWriter out, Customer c) {
        out.text(c.customerId());
        texts(out, c.phones());
        texts(out, c.emails());
    }

    public static Customer customer(FieldReader in) {
        return new Customer(in.text(), texts(in), texts(in));
    }

    public static void appointment(FieldWriter out, Appointment a) {
        out.text(a.appointmentId()).text(a.customerId());
        instant(out, a.bookedAt());
        instant(out, a.attendedAt());
    }

    public static Appointment appointment(FieldReader in) {
        return new Appointment(in.text(), in.text(), instant(in), instant(in));
    }

    public static void optionalAppointment(FieldWriter out, Appointment a) {
        if (present(out, a)) {
            appointment(out, a);
        }
    }

    public static Appointment optionalAppointment(FieldReader in) {
        return present(in) ? appointment(in) : null;
    }

    public static void payment(FieldWriter out, Payment p) {
        out.text(p.paymentId()).text(p.customerId());
        instant(out, p.paidAt());
        out.number(p.amountCents());
    }

    public static Payment payment(FieldReader in) {
        return new Payment(in.text(), in.text(), instant(in), in.number());
    }

    public static void optionalPayment(FieldWriter out, Payment p) {
        if (present(out, p)) {
            payment(out, p);
        }
    }

    public static Payment optionalPayment(FieldReader in) {
        return present(in) ? payment(in) : null;
    }

    /** Texts that must all be there: a count, then each (a customer's phones and emails, a touchpoint's vias). */
    public static void texts(FieldWriter out, List<String> values) {
        out.number(values.size());
        values.forEach(out::text);
    }

    public static List<String> texts(FieldReader in) {
        long count = in.number();
        // each text is at least its length: checked before anything is allocated for a corrupt count
        if (count < 0 || count > in.remaining() / Integer.BYTES) {
            throw new IllegalArgumentException("text count " + count);
        }
        String[] values = new String[(int) count];
        for (int k = 0; k < values.length; k++) {
            values[k] = in.text();
            if (values[k] == null) {
                throw new IllegalArgumentException("an absent text in a list");
            }
        }
        return List.of(values);
    }

    /** A time or none: a presence byte, then seconds and nanoseconds. */
    public static void instant(FieldWriter out, Instant t) {
        if (present(out, t)) {
            out.number(t.getEpochSecond()).number(t.getNano());
        }
    }

    public static Instant instant(FieldReader in) {
        return present(in) ? Instant.ofEpochSecond(in.number(), in.number()) : null;
    }

    /** Writes whether {@code value} is there, and says so. */
    public static boolean present(FieldWriter out, Object value) {
        out.tag(value == null ? ABSENT : PRESENT);
        return value != null;
    }

    public static boolean present(FieldReader in) {
        byte tag = in.tag();
        if (tag != ABSENT && tag != PRESENT) {
            throw new IllegalArgumentException("presence byte " + tag);
        }
        return tag == PRESENT;
    }
}

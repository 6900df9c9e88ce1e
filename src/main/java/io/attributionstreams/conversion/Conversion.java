package io.attributionstreams.conversion;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Payment;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Whether, and when, a customer converted. {@code at} is null for FIRST_CONTACT, which has no
 * conversion time: it is reached as soon as the customer has a touchpoint.
 */
public record Conversion(ConversionType type, Instant at) {

    /**
     * The conversion of one type, or empty when the customer has not reached it.
     *
     * @param hasTouchpoints whether the customer has any touchpoint (decides FIRST_CONTACT)
     */
    public static Optional<Conversion> of(ConversionType type, boolean hasTouchpoints,
            Collection<Appointment> appointments, Collection<Payment> payments) {
        Instant at = null;
        switch (type) {
            case FIRST_CONTACT -> {
                return hasTouchpoints ? Optional.of(new Conversion(type, null)) : Optional.empty();
            }
            case FIRST_BOOKED -> {
                for (Appointment a : appointments) {
                    at = earliest(at, a.bookedAt());
                }
            }
            case FIRST_ATTENDED -> {
                for (Appointment a : appointments) {
                    at = earliest(at, a.attendedAt());
                }
            }
            case FIRST_PAID -> {
                for (Payment p : payments) {
                    if (p.amountCents() > 0) {
                        at = earliest(at, p.paidAt());
                    }
                }
            }
            default -> throw new IllegalStateException("unhandled " + type);
        }
        return at == null ? Optional.empty() : Optional.of(new Conversion(type, at));
    }

    private static Instant earliest(Instant current, Instant candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}

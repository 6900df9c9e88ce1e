package io.attributionstreams.testsupport;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import io.attributionstreams.facts.Payment;
import java.time.Instant;

/** Small builders for hand-worked examples. */
public final class Facts {
    public static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");

    private Facts() {
    }

    public static Instant day(double days) {
        return DAY0.plusSeconds(Math.round(days * 86_400));
    }

    public static Interaction touch(String id, Instant at, String channel) {
        return new Interaction(id, InteractionType.CALL, at, channel, null, null, null, "C1");
    }

    public static Payment payment(String id, Instant at, long cents) {
        return new Payment(id, "C1", at, cents);
    }

    public static Appointment appointment(String id, Instant booked, Instant attended) {
        return new Appointment(id, "C1", booked, attended);
    }
}

package io.attributionstreams.facts;

import java.time.Instant;

/** A normalised appointment; {@code attendedAt} is null until the customer attended. */
public record Appointment(String appointmentId, String customerId, Instant bookedAt, Instant attendedAt) {
}

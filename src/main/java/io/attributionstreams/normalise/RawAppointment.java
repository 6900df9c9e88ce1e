package io.attributionstreams.normalise;

/** An appointment as a producer sends it: untrusted strings. */
public record RawAppointment(String appointmentId, String customerId, String bookedAt, String attendedAt) {
}

package io.attributionstreams.credit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What a model may look at besides the touchpoints: the conversion time (null for
 * FIRST_CONTACT), the business zone for calendar days, the time-decay half-life, and the times of the
 * customer's stage milestones that count for this conversion (docs/contract.md §13): its
 * FIRST_BOOKED and FIRST_ATTENDED times when they exist and are at or before the conversion time,
 * otherwise null (always null for FIRST_CONTACT).
 */
public record CreditContext(Instant conversionAt, ZoneId zone, Duration halfLife, Instant bookedAt,
        Instant attendedAt) {

    public CreditContext(Instant conversionAt, ZoneId zone, Duration halfLife) {
        this(conversionAt, zone, halfLife, null, null);
    }
}

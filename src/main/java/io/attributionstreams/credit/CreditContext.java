package io.attributionstreams.credit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What a model may look at besides the touchpoints: the conversion time (null for
 * FIRST_CONTACT), the business zone for calendar days, and the time-decay half-life.
 */
public record CreditContext(Instant conversionAt, ZoneId zone, Duration halfLife) {
}

package io.attributionstreams.facts;

import java.time.Instant;

/**
 * A normalised payment in the configured currency, as an exact number of minor units (cents).
 * A negative amount is a refund.
 */
public record Payment(String paymentId, String customerId, Instant paidAt, long amountCents) {
}

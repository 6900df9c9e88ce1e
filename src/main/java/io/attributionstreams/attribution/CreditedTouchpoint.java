package io.attributionstreams.attribution;

import io.attributionstreams.facts.InteractionType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One touchpoint of an answer with the share it earned.
 *
 * @param credit the exact credit rounded half-even to {@link Outcome#CREDIT_PRECISION}; channel
 *     totals add these very values, so a total never drifts from the sum of its rows
 * @param revenueCents its largest-remainder share of the customer's revenue
 */
public record CreditedTouchpoint(
        String interactionId,
        InteractionType type,
        String channel,
        String campaign,
        Instant occurredAt,
        BigDecimal credit,
        BigInteger revenueCents) {
}

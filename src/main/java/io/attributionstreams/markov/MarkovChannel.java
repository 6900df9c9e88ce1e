package io.attributionstreams.markov;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A channel's row of the {@code markov} model (docs/contract.md §14): its removal effect, its share of the
 * conversions ({@code credit}) and of their revenue, and its crediting touchpoints on converting paths.
 */
public record MarkovChannel(String channel, double removalEffect, BigDecimal credit, BigInteger revenueCents,
        long touchpoints) {
}

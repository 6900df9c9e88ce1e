package io.attributionstreams.channels;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What a channel earned: summed credit (customers credited, fractionally), summed revenue in
 * cents (exact at any size), the number of touchpoints, and the number of customers contributing. Values add and
 * subtract exactly, so totals kept by deltas equal totals summed from scratch.
 *
 * <p>{@code customers} decides whether the row exists: a channel whose last customer leaves
 * disappears, even when its other sums happen to be zero while customers remain (an
 * {@code (unattributed)} row of customers whose revenue is zero).
 */
public record ChannelTotal(BigDecimal credit, BigInteger revenueCents, long touchpoints, long customers) {
    public static final ChannelTotal ZERO = new ChannelTotal(BigDecimal.ZERO, BigInteger.ZERO, 0, 0);

    public ChannelTotal plus(ChannelTotal other) {
        return new ChannelTotal(credit.add(other.credit), revenueCents.add(other.revenueCents),
                touchpoints + other.touchpoints, customers + other.customers);
    }

    public ChannelTotal minus(ChannelTotal other) {
        return new ChannelTotal(credit.subtract(other.credit), revenueCents.subtract(other.revenueCents),
                touchpoints - other.touchpoints, customers - other.customers);
    }

    public boolean isEmpty() {
        return customers == 0 && touchpoints == 0 && revenueCents.signum() == 0 && credit.signum() == 0;
    }
}

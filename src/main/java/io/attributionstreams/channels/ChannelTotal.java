package io.attributionstreams.channels;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What a channel earned: summed credit (customers credited, fractionally), summed revenue in
 * cents (exact at any size), the number of touchpoints, and the number of customers contributing; and
 * what was spent on it (docs/contract.md §12): the summed spend in cents and the number of spend facts
 * counted. Values add and subtract exactly, so totals kept by deltas equal totals summed from scratch.
 *
 * <p>{@code customers} and {@code spendFacts} decide whether the row exists: a channel whose last
 * customer leaves disappears unless money was spent on it, even when its other sums happen to be zero
 * (an {@code (unattributed)} row of customers whose revenue is zero, spend that a correction cancelled).
 */
public record ChannelTotal(BigDecimal credit, BigInteger revenueCents, long touchpoints, long customers,
        BigInteger spendCents, long spendFacts) {
    public static final ChannelTotal ZERO = new ChannelTotal(BigDecimal.ZERO, BigInteger.ZERO, 0, 0);

    public ChannelTotal {
        // a total kept before spend existed has no spend fields: none was spent
        spendCents = spendCents == null ? BigInteger.ZERO : spendCents;
    }

    public ChannelTotal(BigDecimal credit, BigInteger revenueCents, long touchpoints, long customers) {
        this(credit, revenueCents, touchpoints, customers, BigInteger.ZERO, 0);
    }

    /** A spend fact's part: {@code facts} is 1 when it is counted, -1 when it is taken back. */
    public static ChannelTotal spend(BigInteger cents, long facts) {
        return new ChannelTotal(BigDecimal.ZERO, BigInteger.ZERO, 0, 0, cents, facts);
    }

    /**
     * A converted customer's part of a path summary row (docs/contract.md §15): one conversion and its revenue;
     * {@code sign} -1 takes it back.
     */
    public static ChannelTotal conversion(BigInteger revenueCents, int sign) {
        return new ChannelTotal(BigDecimal.ZERO, sign > 0 ? revenueCents : revenueCents.negate(), 0, sign);
    }

    public ChannelTotal plus(ChannelTotal other) {
        return new ChannelTotal(credit.add(other.credit), revenueCents.add(other.revenueCents),
                touchpoints + other.touchpoints, customers + other.customers, spendCents.add(other.spendCents),
                spendFacts + other.spendFacts);
    }

    public ChannelTotal minus(ChannelTotal other) {
        return new ChannelTotal(credit.subtract(other.credit), revenueCents.subtract(other.revenueCents),
                touchpoints - other.touchpoints, customers - other.customers, spendCents.subtract(other.spendCents),
                spendFacts - other.spendFacts);
    }

    /** Whether the row exists: a customer contributes, or a spend fact is counted. */
    public boolean exists() {
        return customers > 0 || spendFacts > 0;
    }

    public boolean isEmpty() {
        return customers == 0 && touchpoints == 0 && revenueCents.signum() == 0 && credit.signum() == 0
                && spendCents.signum() == 0 && spendFacts == 0;
    }
}

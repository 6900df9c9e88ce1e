package io.attributionstreams.contract;

import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.SpendTotals;
import io.attributionstreams.normalise.Money;
import java.math.BigDecimal;
import java.math.BigInteger;

/** The fields every totals record shows of a {@link ChannelTotal}, formatted once for all of them. */
record TotalFields(BigDecimal credit, String revenue, BigInteger revenueCents, long touchpoints, long customers,
        String spend, BigInteger spendCents, long spendFacts, String roas, String costPerConversion) {

    static TotalFields of(ChannelTotal total) {
        return new TotalFields(total.credit(), Money.format(total.revenueCents()), total.revenueCents(),
                total.touchpoints(), total.customers(), Money.format(total.spendCents()), total.spendCents(),
                total.spendFacts(), nullIfEmpty(SpendTotals.roas(total.revenueCents(), total.spendCents())),
                nullIfEmpty(SpendTotals.costPerConversion(total.spendCents(), total.credit())));
    }

    static String nullIfEmpty(String cell) {
        return cell.isEmpty() ? null : cell;
    }
}

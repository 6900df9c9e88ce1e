package io.attributionstreams.contract;

import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.SpendTotals;
import io.attributionstreams.markov.MarkovChannel;
import io.attributionstreams.normalise.Money;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A record on {@code attribution-channel-totals} (schema
 * {@code schemas/attribution-channel-totals.schema.json}): what one channel earned for one
 * (conversion type, model), kept by exact deltas; for the {@code markov} model, the chain's answer with
 * the channel's removal effect, and as {@code customers} the converting paths its credit shares.
 *
 * @param removalEffect null but for markov
 * @param spend what was spent on the channel (docs/contract.md §12), with two decimals; "0.00" for none
 * @param spendFacts the spend facts counted (a row with no customer exists while one is)
 * @param roas revenue / spend with four decimals; null when the spend is 0 or less
 * @param costPerConversion spend / credit with two decimals; null when the credit is 0
 */
public record ChannelTotalRecord(
        String conversionType,
        String model,
        String channel,
        BigDecimal credit,
        String revenue,
        BigInteger revenueCents,
        long touchpoints,
        long customers,
        Double removalEffect,
        String spend,
        BigInteger spendCents,
        long spendFacts,
        String roas,
        String costPerConversion) implements TotalRecord {

    public static ChannelTotalRecord of(ChannelKey key, ChannelTotal total) {
        TotalFields f = TotalFields.of(total);
        return new ChannelTotalRecord(key.type().name(), key.model(), key.channel(), f.credit(), f.revenue(),
                f.revenueCents(), f.touchpoints(), f.customers(), null, f.spend(), f.spendCents(), f.spendFacts(),
                f.roas(), f.costPerConversion());
    }

    public ChannelKey key() {
        return new ChannelKey(io.attributionstreams.conversion.ConversionType.valueOf(conversionType), model, channel);
    }

    /** The sums again, as the totals keep them (spend included). */
    @Override
    public ChannelTotal total() {
        return new ChannelTotal(credit, revenueCents, touchpoints, customers, spendCents, spendFacts);
    }

    /**
     * A markov row: {@code conversions} is the number of converting paths the credit shares; {@code spent} what
     * was spent on the channel. A channel with spend and no removal effect has a row of zeros ({@code row} null).
     */
    public static ChannelTotalRecord markov(ChannelKey key, MarkovChannel row, long conversions, ChannelTotal spent) {
        BigDecimal credit = row == null ? BigDecimal.ZERO : row.credit();
        BigInteger revenue = row == null ? BigInteger.ZERO : row.revenueCents();
        return new ChannelTotalRecord(key.type().name(), key.model(), key.channel(), credit,
                Money.format(revenue), revenue, row == null ? 0 : row.touchpoints(), row == null ? 0 : conversions,
                row == null ? null : row.removalEffect(), Money.format(spent.spendCents()), spent.spendCents(),
                spent.spendFacts(), nullIfEmpty(SpendTotals.roas(revenue, spent.spendCents())),
                nullIfEmpty(SpendTotals.costPerConversion(spent.spendCents(), credit)));
    }

    private static String nullIfEmpty(String cell) {
        return TotalFields.nullIfEmpty(cell);
    }
}

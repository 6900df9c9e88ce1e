package io.attributionstreams.topology.outputs;

import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
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
        Double removalEffect) {

    public static ChannelTotalRecord of(ChannelKey key, ChannelTotal total) {
        return new ChannelTotalRecord(key.type().name(), key.model(), key.channel(), total.credit(),
                Money.format(total.revenueCents()), total.revenueCents(), total.touchpoints(), total.customers(), null);
    }

    /** A markov row: {@code conversions} is the number of converting paths the credit shares. */
    public static ChannelTotalRecord markov(ChannelKey key, MarkovChannel row, long conversions) {
        return new ChannelTotalRecord(key.type().name(), key.model(), key.channel(), row.credit(),
                Money.format(row.revenueCents()), row.revenueCents(), row.touchpoints(), conversions,
                row.removalEffect());
    }
}

package io.attributionstreams.contract;

import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.normalise.Money;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A record on {@code attribution-channel-totals} (schema
 * {@code schemas/attribution-channel-totals.schema.json}): what one channel earned for one
 * (conversion type, model), kept by exact deltas.
 */
public record ChannelTotalRecord(
        String conversionType,
        String model,
        String channel,
        BigDecimal credit,
        String revenue,
        BigInteger revenueCents,
        long touchpoints,
        long customers) {

    public static ChannelTotalRecord of(ChannelKey key, ChannelTotal total) {
        return new ChannelTotalRecord(key.type().name(), key.model(), key.channel(), total.credit(),
                Money.format(total.revenueCents()), total.revenueCents(), total.touchpoints(), total.customers());
    }
}

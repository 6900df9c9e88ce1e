package io.attributionstreams.contract;

import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.PathKey;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.normalise.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * A record on {@code attribution-path-totals} (schema {@code schemas/attribution-path-totals.schema.json}): how
 * many customers converted (for one conversion type) along one path, and their revenue (docs/contract.md
 * §15). Model-free: the path is the channels of the crediting touchpoints in order, repeats collapsed.
 *
 * @param path the path as text ({@link PathKey#text}): {@code google > email > tv}
 * @param steps the path's channels, in order (the last {@link PathKey#MAX_STEPS} when {@code truncated})
 * @param truncated whether earlier steps were left out
 */
public record PathTotalRecord(
        String conversionType,
        String path,
        List<String> steps,
        boolean truncated,
        long conversions,
        String revenue,
        BigInteger revenueCents) implements TotalRecord {

    public static PathTotalRecord of(PathKey key, ChannelTotal total) {
        return new PathTotalRecord(key.type().name(), key.text(), key.steps(), key.truncated(), total.customers(),
                Money.format(total.revenueCents()), total.revenueCents());
    }

    public PathKey key() {
        return new PathKey(ConversionType.valueOf(conversionType), steps, truncated);
    }

    /** The sums again, as the totals keep them: conversions as customers. */
    public ChannelTotal total() {
        return new ChannelTotal(BigDecimal.ZERO, revenueCents, 0, conversions);
    }
}

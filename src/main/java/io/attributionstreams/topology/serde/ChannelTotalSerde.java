package io.attributionstreams.topology.serde;

import io.attributionstreams.attribution.FieldReader;
import io.attributionstreams.attribution.FieldWriter;
import io.attributionstreams.channels.ChannelTotal;

/**
 * The binary form of a {@link ChannelTotal}: the credit exactly (its unscaled number and its scale), the revenue,
 * the touchpoints and customers, the spend and its facts. For every place a total or a delta of one is kept or
 * passed inside the application: each answer's spilled contributions, the pending sums of the channel deltas, the
 * by-channel repartition topics and the total stores.
 *
 * <p>Why: with the full 1M state loaded, encoding and decoding these as JSON (a decimal's digits computed each
 * time) was about a tenth of the stream threads' time at 1,000 upserts a second, most of it writing the pending
 * sums back at each commit (a flight recording of {@code bench stream}'s step 4). It still reads the JSON a
 * version before it wrote.
 */
public final class ChannelTotalSerde extends BinarySerde<ChannelTotal> {
    public static final ChannelTotalSerde INSTANCE = new ChannelTotalSerde();

    private ChannelTotalSerde() {
        super("channel total", (byte) 1, 64, JsonSerde.of(ChannelTotal.class));
    }

    @Override
    protected void write(FieldWriter out, ChannelTotal total) {
        total(out, total);
    }

    @Override
    protected ChannelTotal read(FieldReader in) {
        return total(in);
    }

    /** A total's fields, for records that carry totals among other fields. */
    public static void total(FieldWriter out, ChannelTotal total) {
        bigDecimal(out, total.credit());
        bigInteger(out, total.revenueCents());
        out.number(total.touchpoints()).number(total.customers());
        bigInteger(out, total.spendCents());
        out.number(total.spendFacts());
    }

    public static ChannelTotal total(FieldReader in) {
        return new ChannelTotal(bigDecimal(in), bigInteger(in), in.number(), in.number(), bigInteger(in), in.number());
    }
}

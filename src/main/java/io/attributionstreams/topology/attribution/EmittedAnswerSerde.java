package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.FieldReader;
import io.attributionstreams.attribution.FieldWriter;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.topology.serde.BinarySerde;
import io.attributionstreams.topology.serde.ChannelTotalSerde;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.HashMap;
import java.util.Map;

/**
 * The binary form of an {@link EmittedAnswer}, the {@code customer-answers} store's entries: every recompute reads
 * all of a customer's entries and writes back each one that changed, and with the full 1M state loaded their JSON
 * was about 7% of the stream threads' time at 1,000 upserts a second (a flight recording of {@code bench stream}'s
 * step 4). {@link ConversionType}'s constants travel as their ordinals, so they keep their order; a new one goes
 * last. It still reads the JSON a version before it wrote, entries without campaigns included.
 */
public final class EmittedAnswerSerde extends BinarySerde<EmittedAnswer> {
    public static final EmittedAnswerSerde INSTANCE = new EmittedAnswerSerde();
    private static final ConversionType[] TYPES = ConversionType.values();
    /** A (name, total) entry is at least its name's length and a total's fixed part. */
    private static final int ENTRY_BYTES = Integer.BYTES + 40;

    private EmittedAnswerSerde() {
        super("emitted answer", (byte) 1, 192, JsonSerde.of(EmittedAnswer.class));
    }

    @Override
    protected void write(FieldWriter out, EmittedAnswer a) {
        out.number(a.version()).tag((byte) a.type().ordinal()).text(a.model()).text(a.digest());
        flag(out, a.attributed());
        totals(out, a.channels());
        flag(out, a.spilled());
        out.number(a.parts());
        flag(out, a.campaigns() != null);
        if (a.campaigns() != null) {
            totals(out, a.campaigns());
        }
        out.text(a.month());
    }

    @Override
    protected EmittedAnswer read(FieldReader in) {
        long version = in.number();
        ConversionType type = constant(in, TYPES);
        String model = required(in);
        String digest = in.text();
        boolean attributed = flag(in);
        Map<String, ChannelTotal> channels = totals(in);
        boolean spilled = flag(in);
        long parts = in.number();
        if (parts < 0 || parts > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parts " + parts);
        }
        Map<String, ChannelTotal> campaigns = flag(in) ? totals(in) : null;
        return new EmittedAnswer(version, type, model, digest, attributed, channels, spilled, (int) parts, campaigns,
                in.text());
    }

    private static void totals(FieldWriter out, Map<String, ChannelTotal> totals) {
        out.number(totals.size());
        totals.forEach((name, total) -> {
            out.text(name);
            ChannelTotalSerde.total(out, total);
        });
    }

    private static Map<String, ChannelTotal> totals(FieldReader in) {
        int count = count(in, ENTRY_BYTES);
        Map<String, ChannelTotal> totals = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            totals.put(required(in), ChannelTotalSerde.total(in));
        }
        return totals;
    }
}

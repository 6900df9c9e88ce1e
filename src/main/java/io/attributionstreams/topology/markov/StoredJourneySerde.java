package io.attributionstreams.topology.markov;

import io.attributionstreams.attribution.FieldReader;
import io.attributionstreams.attribution.FieldWriter;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.topology.serde.BinaryFacts;
import io.attributionstreams.topology.serde.BinarySerde;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.List;

/**
 * The binary form of a {@link StoredJourney}, the {@code customer-journeys} store's entries: every recompute reads
 * and may write one per conversion type, markov or not (the path summary needs them), and with the full 1M state
 * loaded their JSON was about 3% of the stream threads' time at 1,000 upserts a second (a flight recording of
 * {@code bench stream}'s step 4). {@link ConversionType}'s constants travel as their ordinals. It still reads the
 * JSON a version before it wrote.
 */
public final class StoredJourneySerde extends BinarySerde<StoredJourney> {
    public static final StoredJourneySerde INSTANCE = new StoredJourneySerde();
    private static final ConversionType[] TYPES = ConversionType.values();

    private StoredJourneySerde() {
        super("stored journey", (byte) 1, 96, JsonSerde.of(StoredJourney.class));
    }

    @Override
    protected void write(FieldWriter out, StoredJourney j) {
        out.tag((byte) j.type().ordinal());
        BinaryFacts.texts(out, j.channels());
        out.number(j.path().size());
        j.path().forEach(out::number);
        out.number(j.touchpoints().size());
        j.touchpoints().forEach(out::number);
        flag(out, j.converted());
        bigInteger(out, j.revenueCents());
        flag(out, j.oversized());
    }

    @Override
    protected StoredJourney read(FieldReader in) {
        ConversionType type = constant(in, TYPES);
        List<String> channels = BinaryFacts.texts(in);
        Integer[] path = new Integer[count(in, Long.BYTES)];
        for (int i = 0; i < path.length; i++) {
            long index = in.number();
            if (index < 0 || index >= channels.size()) {
                throw new IllegalArgumentException("path step " + index + " of " + channels.size() + " channels");
            }
            path[i] = (int) index;
        }
        Long[] touchpoints = new Long[count(in, Long.BYTES)];
        for (int i = 0; i < touchpoints.length; i++) {
            touchpoints[i] = in.number();
        }
        return new StoredJourney(type, channels, List.of(path), List.of(touchpoints), flag(in), bigInteger(in),
                flag(in));
    }
}

package io.attributionstreams.topology.touchpoints;

import io.attributionstreams.attribution.FieldReader;
import io.attributionstreams.attribution.FieldWriter;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.topology.serde.BinaryFacts;
import io.attributionstreams.topology.serde.BinarySerde;

/**
 * The binary form of {@link TouchpointLinks} (as {@code GraphEventSerde} is of the identity graph's events): the
 * attribute step reads every touchpoint of a customer at each recompute, and decoding them from JSON was a quarter
 * of the stream thread's time at full size (a compact serde measured +34% in an earlier experiment, in a
 * store-bound topology). The interaction's layout is {@link BinaryFacts#interaction(FieldWriter, Interaction)}'s,
 * then the revision and the identifiers it came by. This store was binary from its first version: no JSON to read.
 */
public final class TouchpointSerde extends BinarySerde<TouchpointLinks> {
    public static final TouchpointSerde INSTANCE = new TouchpointSerde();

    private TouchpointSerde() {
        super("touchpoint", (byte) 1, 160, null);
    }

    @Override
    protected void write(FieldWriter out, TouchpointLinks links) {
        BinaryFacts.interaction(out, links.interaction());
        out.number(links.revision());
        BinaryFacts.texts(out, links.vias());
    }

    @Override
    protected TouchpointLinks read(FieldReader in) {
        Interaction interaction = BinaryFacts.interaction(in);
        long revision = in.number();
        return new TouchpointLinks(interaction, revision, BinaryFacts.texts(in));
    }
}

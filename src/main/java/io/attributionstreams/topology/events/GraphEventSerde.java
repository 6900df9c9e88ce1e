package io.attributionstreams.topology.events;

import io.attributionstreams.attribution.FieldReader;
import io.attributionstreams.attribution.FieldWriter;
import io.attributionstreams.topology.serde.BinaryFacts;
import io.attributionstreams.topology.serde.BinarySerde;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact binary form of {@link GraphEvent}, the envelope of the internal topics {@code by-identifier} and
 * {@code by-customer}: fields in a fixed order ({@link FieldWriter}, {@link BinaryFacts}), led by a format byte.
 *
 * <p>Why: every fact crosses these topics, an interaction once per customer that claims one of its identifiers,
 * and encoding and decoding the events as JSON was a quarter of the stream threads' time while a 1M back-log
 * drained (a flight recording of {@code bench stream}). Nothing outside the application reads these topics.
 *
 * <p>It still reads the JSON of a version before it ({@link BinarySerde}): an upgrade finds the events an older
 * version wrote still in the topics. {@link GraphEvent.Kind}'s constants travel as their ordinals, so they keep
 * their order; a new kind goes last.
 */
public final class GraphEventSerde extends BinarySerde<GraphEvent> {
    private static final GraphEvent.Kind[] KINDS = GraphEvent.Kind.values();
    private static final byte NO_FLAG = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;

    public GraphEventSerde() {
        super("graph event", (byte) 1, 128, JsonSerde.of(GraphEvent.class));
    }

    @Override
    protected void write(FieldWriter out, GraphEvent e) {
        out.tag((byte) e.kind().ordinal());
        out.text(e.customerId()).text(e.factId()).text(e.via()).number(e.revision());
        out.tag(e.exists() == null ? NO_FLAG : e.exists() ? TRUE : FALSE);
        BinaryFacts.optionalInteraction(out, e.interaction());
        if (BinaryFacts.present(out, e.links())) {
            out.number(e.links().size());
            for (GraphEvent.Link link : e.links()) {
                out.text(link.interactionId()).number(link.revision());
                BinaryFacts.optionalInteraction(out, link.interaction());
            }
        }
        BinaryFacts.optionalAppointment(out, e.appointment());
        BinaryFacts.optionalPayment(out, e.payment());
        if (BinaryFacts.present(out, e.claimants())) {
            out.number(e.claimants());
        }
    }

    @Override
    protected GraphEvent read(FieldReader in) {
        GraphEvent.Kind kind = constant(in, KINDS);
        String customerId = in.text();
        String factId = in.text();
        String via = in.text();
        long revision = in.number();
        byte flag = in.tag();
        Boolean exists = flag == NO_FLAG ? null : flag == TRUE ? Boolean.TRUE : flag == FALSE ? Boolean.FALSE
                : invalid("exists flag " + flag);
        var interaction = BinaryFacts.optionalInteraction(in);
        List<GraphEvent.Link> links = null;
        if (BinaryFacts.present(in)) {
            // each link is at least its id's length, its revision and a presence byte
            int count = count(in, Integer.BYTES + Long.BYTES + 1);
            links = new ArrayList<>(count);
            for (int l = 0; l < count; l++) {
                links.add(new GraphEvent.Link(in.text(), in.number(), BinaryFacts.optionalInteraction(in)));
            }
        }
        var appointment = BinaryFacts.optionalAppointment(in);
        var payment = BinaryFacts.optionalPayment(in);
        Long claimants = BinaryFacts.present(in) ? in.number() : null;
        return new GraphEvent(kind, customerId, factId, via, revision, exists, interaction,
                links == null ? null : List.copyOf(links), appointment, payment, claimants);
    }

    private static <T> T invalid(String what) {
        throw new IllegalArgumentException(what);
    }
}

package io.attributionstreams.topology.events;

import io.attributionstreams.attribution.FieldReader;
import io.attributionstreams.attribution.FieldWriter;
import io.attributionstreams.topology.serde.BinaryFacts;
import io.attributionstreams.topology.serde.JsonSerde;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary form of {@link GraphEvent}, the envelope of the internal topics {@code by-identifier} and
 * {@code by-customer}: fields in a fixed order ({@link FieldWriter}, {@link BinaryFacts}), led by a format byte.
 *
 * <p>Why: every fact crosses these topics, an interaction once per customer that claims one of its identifiers,
 * and encoding and decoding the events as JSON was a quarter of the stream threads' time while a 1M back-log
 * drained (a flight recording of {@code bench stream}). Nothing outside the application reads these topics.
 *
 * <p>It still reads JSON, which a value's first byte tells apart ({@code '{'}, never a format byte): an upgrade
 * finds the events an older version wrote still in the topics. {@link GraphEvent.Kind}'s constants travel as
 * their ordinals, so they keep their order; a new kind goes last.
 */
public final class GraphEventSerde implements Serde<GraphEvent> {
    private static final byte FORMAT = 1;
    private static final GraphEvent.Kind[] KINDS = GraphEvent.Kind.values();
    private static final JsonSerde<GraphEvent> JSON = JsonSerde.of(GraphEvent.class);
    private static final byte NO_FLAG = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;

    @Override
    public Serializer<GraphEvent> serializer() {
        return (topic, event) -> event == null ? null : toBytes(event);
    }

    @Override
    public Deserializer<GraphEvent> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    public static byte[] toBytes(GraphEvent e) {
        FieldWriter out = new FieldWriter(128).tag(FORMAT).tag((byte) e.kind().ordinal());
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
        return out.toByteArray();
    }

    public static GraphEvent fromBytes(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return JSON.fromBytes(bytes); // written by a version before this serde
        }
        try {
            FieldReader in = new FieldReader(bytes);
            byte format = in.tag();
            if (format != FORMAT) {
                throw new SerializationException("not a graph event of format " + FORMAT + ": format byte " + format);
            }
            GraphEvent.Kind kind = KINDS[in.tag()];
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
                long count = in.number();
                if (count < 0 || count > bytes.length) {
                    invalid("link count " + count);
                }
                links = new ArrayList<>((int) count);
                for (long l = 0; l < count; l++) {
                    links.add(new GraphEvent.Link(in.text(), in.number(), BinaryFacts.optionalInteraction(in)));
                }
            }
            var appointment = BinaryFacts.optionalAppointment(in);
            var payment = BinaryFacts.optionalPayment(in);
            Long claimants = BinaryFacts.present(in) ? in.number() : null;
            if (!in.atEnd()) {
                invalid("bytes left over");
            }
            return new GraphEvent(kind, customerId, factId, via, revision, exists, interaction,
                    links == null ? null : List.copyOf(links), appointment, payment, claimants);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new SerializationException("not a valid binary graph event (" + bytes.length + " bytes): "
                    + e.getClass().getSimpleName());
        }
    }

    private static <T> T invalid(String what) {
        throw new IllegalArgumentException(what);
    }
}

package io.attributionstreams.topology.touchpoints;

import io.attributionstreams.attribution.FieldReader;
import io.attributionstreams.attribution.FieldWriter;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.topology.serde.BinaryFacts;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary form of {@link TouchpointLinks} (as {@code GraphEventSerde} is of the identity graph's
 * events): the attribute step reads every touchpoint of a customer at each recompute, and decoding them from JSON
 * was a quarter of the stream thread's time at full size (a compact serde measured +34% in an earlier
 * experiment, in a store-bound topology). Fields in a fixed order, written by {@link FieldWriter}, led by
 * a format byte so that a later change of the layout is detected. The interaction's layout is
 * {@link BinaryFacts#interaction(FieldWriter, Interaction)}'s.
 */
public final class TouchpointSerde implements Serde<TouchpointLinks> {
    private static final byte FORMAT = 1;

    @Override
    public Serializer<TouchpointLinks> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<TouchpointLinks> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    public static byte[] toBytes(TouchpointLinks links) {
        FieldWriter out = new FieldWriter(160).tag(FORMAT);
        BinaryFacts.interaction(out, links.interaction());
        out.number(links.revision()).number(links.vias().size());
        links.vias().forEach(out::text);
        return out.toByteArray();
    }

    public static TouchpointLinks fromBytes(byte[] bytes) {
        try {
            FieldReader in = new FieldReader(bytes);
            byte format = in.tag();
            if (format != FORMAT) {
                throw new SerializationException("not a touchpoint of format " + FORMAT + ": format byte " + format);
            }
            Interaction interaction = BinaryFacts.interaction(in);
            long revision = in.number();
            int count = (int) in.number();
            List<String> vias = new ArrayList<>(count);
            for (int v = 0; v < count; v++) {
                vias.add(in.text());
            }
            return new TouchpointLinks(interaction, revision, vias);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new SerializationException("not a valid binary touchpoint (" + bytes.length + " bytes): "
                    + e.getClass().getSimpleName());
        }
    }
}

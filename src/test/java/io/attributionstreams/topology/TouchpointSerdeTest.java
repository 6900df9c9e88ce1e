package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import io.attributionstreams.topology.touchpoints.TouchpointLinks;
import io.attributionstreams.testsupport.FactArbitraries;
import io.attributionstreams.topology.touchpoints.TouchpointSerde;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The binary form of the customer-touchpoints store: every value reads back equal, bad bytes fail clearly. */
class TouchpointSerdeTest {

    @Property(tries = 500)
    void everyTouchpointReadsBackEqual(@ForAll("touchpoints") TouchpointLinks links) {
        assertThat(TouchpointSerde.INSTANCE.fromBytes(TouchpointSerde.INSTANCE.toBytes(links))).isEqualTo(links);
    }

    @Test
    void absentFieldsHugeAndUnicodeTextAndOldTimes() {
        TouchpointLinks links = new TouchpointLinks(new Interaction("I-ü-😀", InteractionType.VISIT,
                Instant.parse("1969-12-31T23:59:59.999999999Z"), "x".repeat(100_000), null, null, "a@b.co", null),
                Long.MAX_VALUE, List.of());
        assertThat(TouchpointSerde.INSTANCE.fromBytes(TouchpointSerde.INSTANCE.toBytes(links))).isEqualTo(links);
    }

    /**
     * The layout is what the stores hold: these bytes were written by the serde before its interaction layout moved
     * to {@code BinaryFacts}, and must read back and be written again the same.
     */
    @Test
    void theLayoutIsTheStoredOne() {
        TouchpointLinks links = new TouchpointLinks(new Interaction("I-\u00fc", InteractionType.VISIT,
                Instant.parse("2024-03-01T10:15:30.5Z"), "tv", null, "+12015550123", "a@b.co", "C7"), 42,
                List.of("tel:+12015550123", "email:a@b.co"));
        byte[] stored = HexFormat.of().parseHex("0100000004492dc3bc050000000065e1aac2000000001dcd6500000000027476"
                + "ffffffff0000000c2b3132303135353530313233000000066140622e636f000000024337000000000000002a000000000000"
                + "00020000001074656c3a2b31323031353535303132330000000c656d61696c3a6140622e636f");

        assertThat(TouchpointSerde.INSTANCE.fromBytes(stored)).isEqualTo(links);
        assertThat(TouchpointSerde.INSTANCE.toBytes(links)).isEqualTo(stored);
    }

    @Test
    void truncatedOrForeignBytesFailWithAReason() {
        byte[] bytes = TouchpointSerde.INSTANCE.toBytes(new TouchpointLinks(new Interaction("I1", InteractionType.CALL,
                Instant.EPOCH, "tv", null, "+12015550123", null, null), 3, List.of("tel:+12015550123")));
        assertThatThrownBy(() -> TouchpointSerde.INSTANCE.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a valid binary touchpoint");
        assertThatThrownBy(() -> TouchpointSerde.INSTANCE.fromBytes("{\"interaction\":{}}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format byte");
    }

    @Provide
    Arbitrary<TouchpointLinks> touchpoints() {
        return Combinators.combine(FactArbitraries.interactions(), Arbitraries.longs(),
                FactArbitraries.texts().list().ofMaxSize(3)).as(TouchpointLinks::new);
    }
}

package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.testsupport.FactArbitraries;
import io.attributionstreams.topology.attribution.EmittedAnswer;
import io.attributionstreams.topology.attribution.EmittedAnswerSerde;
import io.attributionstreams.topology.markov.StoredJourney;
import io.attributionstreams.topology.markov.StoredJourneySerde;
import io.attributionstreams.topology.serde.BinarySerde;
import io.attributionstreams.topology.serde.ChannelTotalSerde;
import io.attributionstreams.topology.serde.JsonSerde;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The binary form of what the attribute step keeps and passes on about answers: channel totals and their deltas,
 * the last emitted answers, the stored journeys. Every value reads back equal (decimals to their scale, numbers
 * past a long's range), the JSON an older version left in stores and topics still reads, and bad bytes fail with a
 * reason, never another value.
 */
class AnswerStateSerdeTest {
    private static final BigInteger HUGE = BigInteger.TWO.pow(100);

    @Property(tries = 500)
    void channelTotalsReadBackEqual(@ForAll("totals") ChannelTotal total) {
        roundTrips(ChannelTotalSerde.INSTANCE, JsonSerde.of(ChannelTotal.class), total);
    }

    @Property(tries = 300)
    void emittedAnswersReadBackEqual(@ForAll("answers") EmittedAnswer answer) {
        roundTrips(EmittedAnswerSerde.INSTANCE, JsonSerde.of(EmittedAnswer.class), answer);
    }

    @Property(tries = 300)
    void storedJourneysReadBackEqual(@ForAll("journeys") StoredJourney journey) {
        roundTrips(StoredJourneySerde.INSTANCE, JsonSerde.of(StoredJourney.class), journey);
    }

    private static <T> void roundTrips(BinarySerde<T> serde, JsonSerde<T> json, T value) {
        assertThat(serde.fromBytes(serde.toBytes(value))).isEqualTo(value);
        assertThat(serde.fromBytes(json.toBytes(value))).as("JSON an older version stored")
                .isEqualTo(json.fromBytes(json.toBytes(value)));
    }

    /** The stored layout, pinned: a change to it must come with a new format byte, not silently. */
    @Test
    void aChannelTotalsLayoutIsPinned() {
        ChannelTotal total = new ChannelTotal(new BigDecimal("1.25"), BigInteger.valueOf(300), 2, 1, HUGE, -1);
        assertThat(HexFormat.of().formatHex(ChannelTotalSerde.INSTANCE.toBytes(total))).isEqualTo("01"
                + "00" + "000000000000007d" + "0000000000000002" // credit: unscaled 125 as a long, scale 2
                + "00" + "000000000000012c" // revenue 300 cents
                + "0000000000000002" + "0000000000000001" // touchpoints, customers
                + "01" + "0000000d" + "10" + "00".repeat(12) // spend 2^100, past a long: its 13 bytes
                + "ffffffffffffffff"); // spend facts -1
    }

    @Test
    void truncatedPaddedOrForeignBytesFailWithAReason() {
        EmittedAnswer answer = new EmittedAnswer(3, ConversionType.FIRST_PAID, "linear", "d1g3st", true, Map.of(), false,
                2, Map.of("ads|spring", new ChannelTotal(new BigDecimal("0.5"), HUGE, 1, 1)), "2024-03");
        byte[] bytes = EmittedAnswerSerde.INSTANCE.toBytes(answer);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> EmittedAnswerSerde.INSTANCE.fromBytes(truncated)).as("cut at " + cut)
                    .isInstanceOf(SerializationException.class).hasMessageContaining("emitted answer")
                    .hasMessageNotContaining("spring");
        }
        assertThatThrownBy(() -> EmittedAnswerSerde.INSTANCE.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a valid binary emitted answer");
        assertThatThrownBy(() -> ChannelTotalSerde.INSTANCE.fromBytes(new byte[] {2, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format byte 2");
        byte[] journey = StoredJourneySerde.INSTANCE.toBytes(StoredJourney.of(io.attributionstreams.markov.Journey.of(
                ConversionType.FIRST_BOOKED, List.of("ads", "tv"), true, BigInteger.TEN)));
        // format, type, 2 channels ("ads", "tv"), 2 steps: the last step's low byte
        int lastStep = 1 + 1 + 8 + (4 + 3) + (4 + 2) + 8 + 8 + 7;
        assertThat(journey[lastStep]).isEqualTo((byte) 1);
        journey[lastStep] = 7; // now a step past the channels
        assertThatThrownBy(() -> StoredJourneySerde.INSTANCE.fromBytes(journey))
                .isInstanceOf(SerializationException.class).hasMessageContaining("stored journey");
    }

    @Test
    void aCorruptCountAsksForNoMemory() {
        byte[] bytes = StoredJourneySerde.INSTANCE.toBytes(StoredJourney.of(io.attributionstreams.markov.Journey.of(
                ConversionType.FIRST_BOOKED, List.of("ads"), false, BigInteger.ZERO)));
        // the channel count (after the format and type bytes) claims 2^62 channels
        bytes[2] = 0x40;
        byte[] corrupt = bytes;
        assertThatThrownBy(() -> StoredJourneySerde.INSTANCE.fromBytes(corrupt))
                .isInstanceOf(SerializationException.class).hasMessageContaining("IllegalArgumentException");
    }

    @Provide
    Arbitrary<ChannelTotal> totals() {
        Arbitrary<BigInteger> numbers = Arbitraries.oneOf(Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.bigIntegers().between(HUGE.negate(), HUGE));
        Arbitrary<BigDecimal> decimals = Combinators.combine(numbers, Arbitraries.integers().between(-5, 40))
                .as(BigDecimal::new);
        return Combinators.combine(decimals, numbers, Arbitraries.longs(), Arbitraries.longs(), numbers,
                Arbitraries.longs()).as(ChannelTotal::new);
    }

    @Provide
    Arbitrary<EmittedAnswer> answers() {
        Arbitrary<Map<String, ChannelTotal>> totals = Arbitraries.maps(FactArbitraries.texts(), totals()).ofMaxSize(3);
        return Combinators.combine(Arbitraries.longs().greaterOrEqual(0), Arbitraries.of(ConversionType.class),
                FactArbitraries.texts(), FactArbitraries.optionalTexts(), Arbitraries.of(true, false), totals,
                Arbitraries.of(true, false), Arbitraries.integers().greaterOrEqual(0)).flatAs(
                (version, type, model, digest, attributed, channels, spilled, parts) -> Combinators.combine(
                        totals.injectNull(0.2), FactArbitraries.optionalTexts()).as((campaigns, month) ->
                        new EmittedAnswer(version, type, model, digest, attributed, channels, spilled, parts,
                                campaigns, month)));
    }

    @Provide
    Arbitrary<StoredJourney> journeys() {
        return Combinators.combine(Arbitraries.of(ConversionType.class),
                FactArbitraries.texts().list().uniqueElements().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of(true, false), Arbitraries.bigIntegers().between(HUGE.negate(), HUGE),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 8)).flatAs(
                (type, channels, converted, revenue, oversized, steps) -> Combinators.combine(
                        Arbitraries.integers().between(0, channels.size() - 1).list().ofSize(steps),
                        Arbitraries.longs().list().ofSize(channels.size())).as((path, touchpoints) ->
                        new StoredJourney(type, channels, new ArrayList<>(path), touchpoints, converted, revenue,
                                oversized)));
    }
}

package io.attributionstreams.topology.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.attribution.FieldWriter;
import io.attributionstreams.channels.ChannelTotal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The channel deltas' journal entries: exact round trips, cut into entries of bounded size, corrupt bytes refused. */
class PendingSumsTest {
    private static PendingSums.Row row(String key, int i) {
        return new PendingSums.Row(key, new ChannelTotal(new BigDecimal(BigInteger.valueOf(i).pow(9), 40 + i % 3),
                BigInteger.TWO.pow(70 + i % 5).negate(), i, -i, BigInteger.valueOf(i * 1_000L), i % 2));
    }

    @Test
    void anEntryReadsBackExactly() {
        PendingSums entry = new PendingSums(List.of(row("FIRST_PAID|linear|google", 1),
                row("paths|FIRST_PAID|e-mail \u00e9 \ud83d\ude00>direct", 7), row("", 12)));

        assertThat(PendingSums.SERDE.fromBytes(PendingSums.SERDE.toBytes(entry))).isEqualTo(entry);
        assertThat(PendingSums.SERDE.fromBytes(PendingSums.SERDE.toBytes(new PendingSums(List.of()))).rows())
                .isEmpty();
    }

    @Test
    void rowsAreCutIntoEntriesOfBoundedSizeInOrder() {
        String longKey = "paths|FIRST_PAID|" + "x>".repeat(100);
        List<PendingSums.Row> rows = IntStream.range(0, 3_000).mapToObj(i -> row(longKey + i, i)).toList();

        List<PendingSums> chunks = PendingSums.chunks(rows);

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.stream().flatMap(chunk -> chunk.rows().stream())).containsExactlyElementsOf(rows);
        chunks.forEach(chunk -> assertThat(PendingSums.SERDE.toBytes(chunk).length)
                .isLessThanOrEqualTo(PendingSums.MAX_BYTES));

        // a row larger than an entry's size goes alone, between the others
        PendingSums.Row huge = row("campaigns|" + "y".repeat(PendingSums.MAX_BYTES), 5);
        List<PendingSums> around = PendingSums.chunks(List.of(row("a", 1), huge, row("b", 2)));
        assertThat(around).extracting(PendingSums::rows).containsExactly(List.of(row("a", 1)), List.of(huge),
                List.of(row("b", 2)));
        assertThat(PendingSums.chunks(List.of())).isEmpty();
    }

    @Test
    void corruptBytesFailWithAReasonAndNoValue() {
        byte[] good = PendingSums.SERDE.toBytes(new PendingSums(List.of(row("FIRST_PAID|linear|google", 3))));

        assertThatThrownBy(() -> PendingSums.SERDE.fromBytes(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("pending channel sums");
        assertThatThrownBy(() -> PendingSums.SERDE.fromBytes(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(SerializationException.class);
        byte[] otherFormat = good.clone();
        otherFormat[0] = 9;
        assertThatThrownBy(() -> PendingSums.SERDE.fromBytes(otherFormat)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("format byte 9");
        // a count of rows that the bytes left cannot hold fails before anything is allocated for it
        byte[] hugeCount = new FieldWriter(16).tag((byte) 1).number(Integer.MAX_VALUE - 1L).toByteArray();
        assertThatThrownBy(() -> PendingSums.SERDE.fromBytes(hugeCount)).isInstanceOf(SerializationException.class);
        FieldWriter absent = new FieldWriter(128).tag((byte) 1).number(1).text(null);
        IntStream.range(0, 12).forEach(i -> absent.number(0));
        byte[] absentKey = absent.toByteArray();
        assertThatThrownBy(() -> PendingSums.SERDE.fromBytes(absentKey)).isInstanceOf(SerializationException.class);
    }
}

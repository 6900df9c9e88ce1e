package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.UpdateKey;
import io.attributionstreams.topology.events.Keyed;
import io.attributionstreams.topology.outputs.AnswerAssembler;
import io.attributionstreams.topology.outputs.AnswerParts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Answers of any size (docs/contract.md §9): split into records under the limit, read back exactly. */
class AnswerPartsTest {

    private static AttributionUpdate answer(String customer, long version, int touchpoints, int nameLength) {
        List<AttributionUpdate.Touchpoint> list = new ArrayList<>();
        for (int i = 0; i < touchpoints; i++) {
            String pad = "x".repeat(Math.max(0, nameLength - 8));
            list.add(new AttributionUpdate.Touchpoint(String.format("I%07d", i) + pad, "call",
                    String.format("ch%06d", i % 97) + pad, null, "2025-01-01T00:00:00Z",
                    new BigDecimal("0.0000100000000000000000000000000001"), "0.01"));
        }
        return new AttributionUpdate(customer, "FIRST_CONTACT", "linear", version, null, "1000.00", list, "0123456789abcdef");
    }

    private static int bytes(AttributionUpdate update) {
        return update == null ? 0 : Topics.ATTRIBUTION_UPDATES.valueSerde().serializer().serialize("t", update).length;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"C1|FIRST_PAID|linear, C1|FIRST_PAID|linear, 0", "C1|FIRST_PAID|linear|12, C1|FIRST_PAID|linear, 12",
        "a|b|FIRST_PAID|daily_split, a|b|FIRST_PAID|daily_split, 0", "7|FIRST_PAID|linear|1, 7|FIRST_PAID|linear, 1",
        "x|, x|, 0", "plain, plain, 0"})
    void keysAreReadFromTheRight(String key, String answerKey, int part) {
        assertThat(UpdateKey.parse(key)).isEqualTo(new UpdateKey(answerKey, part));
    }

    @Test
    void aSmallAnswerIsOneRecordAsBefore() {
        AttributionUpdate small = answer("C1", 1, 10, 8);
        AnswerParts.Written written = AnswerParts.of(small, 0);
        assertThat(written.parts()).isZero();
        assertThat(written.records()).containsExactly(new Keyed<>("C1|FIRST_CONTACT|linear", small));
    }

    @Test
    void aLargeAnswerIsPartsUnderTheLimitThenItsAnswerRecord() {
        AttributionUpdate large = answer("C|1", 4, 100_000, 8);
        assertThat(bytes(large)).isGreaterThan(10 * 1024 * 1024);

        AnswerParts.Written written = AnswerParts.of(large, 0);
        List<Keyed<AttributionUpdate>> records = written.records();
        assertThat(written.parts()).isGreaterThan(10).isEqualTo(records.size() - 1);
        for (int n = 1; n <= written.parts(); n++) {
            Keyed<AttributionUpdate> part = records.get(n - 1);
            assertThat(part.key()).isEqualTo("C|1|FIRST_CONTACT|linear|" + n);
            assertThat(part.value().part()).isEqualTo(n);
            assertThat(part.value().parts()).isEqualTo(written.parts());
            assertThat(part.value().version()).isEqualTo(4);
            assertThat(part.value().revenue()).isNull();
        }
        Keyed<AttributionUpdate> last = records.get(records.size() - 1);
        assertThat(last.key()).isEqualTo("C|1|FIRST_CONTACT|linear");
        assertThat(last.value().touchpoints()).isEmpty();
        assertThat(last.value().touchpointCount()).isEqualTo(100_000);
        assertThat(last.value().revenue()).isEqualTo("1000.00");
        assertThat(records).allSatisfy(r -> assertThat(bytes(r.value())).isLessThanOrEqualTo(AnswerParts.MAX_RECORD_BYTES));

        AnswerAssembler assembler = new AnswerAssembler();
        List<AnswerAssembler.Answer> read = new ArrayList<>();
        records.forEach(r -> assembler.accept(r.key(), r.value()).ifPresent(read::add));
        assertThat(read).containsExactly(new AnswerAssembler.Answer("C|1|FIRST_CONTACT|linear", large));
    }

    @Test
    void touchpointsOfLongNamesStillFitEachPart() {
        AttributionUpdate wide = answer("C1", 1, 2_000, 256);
        List<Keyed<AttributionUpdate>> records = AnswerParts.of(wide, 0).records();
        assertThat(records).hasSizeGreaterThan(2)
                .allSatisfy(r -> assertThat(bytes(r.value())).isLessThanOrEqualTo(AnswerParts.MAX_RECORD_BYTES));
    }

    @Test
    void aSmallerVersionRemovesThePartsItNoLongerHasAndARemovalRemovesAll() {
        AttributionUpdate v1 = answer("C1", 1, 30_000, 8);
        AnswerParts.Written first = AnswerParts.of(v1, 0);
        AttributionUpdate v2 = answer("C1", 2, 12_000, 8);
        AnswerParts.Written second = AnswerParts.of(v2, first.parts());
        assertThat(second.parts()).isBetween(2, first.parts() - 1);
        List<Keyed<AttributionUpdate>> tombstones = second.records().subList(second.parts() + 1, second.records().size());
        assertThat(tombstones).extracting(Keyed::key).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(second.parts() + 1, first.parts())
                        .mapToObj(n -> "C1|FIRST_CONTACT|linear|" + n).toList());
        assertThat(tombstones).allSatisfy(t -> assertThat(t.value()).isNull());

        AnswerParts.Written whole = AnswerParts.of(answer("C1", 3, 5, 8), second.parts());
        assertThat(whole.records()).hasSize(1 + second.parts());
        assertThat(AnswerParts.removal("C1|FIRST_CONTACT|linear", first.parts()).records()).extracting(Keyed::key)
                .hasSize(first.parts() + 1).last().isEqualTo("C1|FIRST_CONTACT|linear");

        // read in order, every version comes out whole and nothing of an old version is left behind
        AnswerAssembler assembler = new AnswerAssembler();
        List<AttributionUpdate> answers = new ArrayList<>();
        for (AnswerParts.Written w : List.of(first, second, whole)) {
            w.records().forEach(r -> assembler.accept(r.key(), r.value()).ifPresent(a -> answers.add(a.update())));
        }
        assertThat(answers).extracting(AttributionUpdate::version).containsExactly(1L, 2L, 3L);
        assertThat(answers.get(1)).isEqualTo(v2);
    }

    @Test
    void anAnswerRecordWithoutAllItsPartsAtItsVersionIsAnError() {
        List<Keyed<AttributionUpdate>> v1 = AnswerParts.of(answer("C1", 1, 30_000, 8), 0).records();
        List<Keyed<AttributionUpdate>> v2 = AnswerParts.of(answer("C1", 2, 30_000, 8), 0).records();
        AnswerAssembler assembler = new AnswerAssembler();
        v1.subList(0, v1.size() - 1).forEach(r -> assembler.accept(r.key(), r.value()));
        // the parts of version 1 are there, the answer record of version 2 comes: not read_committed, or records skipped
        Keyed<AttributionUpdate> header = v2.get(v2.size() - 1);
        assertThatThrownBy(() -> assembler.accept(header.key(), header.value()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("version 2 lacks part 1");
        assertThat(assembler.accept("C1|FIRST_CONTACT|linear", null))
                .isEqualTo(Optional.of(new AnswerAssembler.Answer("C1|FIRST_CONTACT|linear", null)));
    }
}

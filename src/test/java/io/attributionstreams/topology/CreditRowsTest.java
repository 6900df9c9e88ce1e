package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.CsvRows;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CreditRecord;
import io.attributionstreams.contract.Formats;
import io.attributionstreams.contract.OutputFiles;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.outputs.AnswerPartitioner;
import io.attributionstreams.topology.outputs.CreditPartitioner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code attribution-credits} (docs/warehouse.md): a touchpoint that leaves an answer loses its row, with the
 * remaining rows written again at the answer's new version; an answer that goes loses all of them; an
 * interaction id holding {@code |} is escaped in the key. That the folded rows of every golden example, in
 * any order, are the attribution file's is checked by {@link GoldenConvergenceTest}, with
 * {@link #assertRowsAreTheAnswers}.
 */
class CreditRowsTest {
    /**
     * The credit rows folded by key, tombstones applied, are exactly the rows of the attribution file that
     * {@code exportTo} wrote in {@code exported} from the answers on {@code attribution-updates}, each with its
     * answer's version and settings; every tombstone removed a row that was there. {@link GoldenConvergenceTest}
     * holds every example, in every order it tries, to this.
     */
    static void assertRowsAreTheAnswers(TopologyHarness harness, Path exported) throws IOException {
        Map<String, CreditRecord> rows = harness.latestCredits();
        List<String> expected = Files.readAllLines(exported.resolve(OutputFiles.ATTRIBUTION_FILE));
        assertThat(rows.values().stream().map(CreditRowsTest::line).sorted().toList())
                .containsExactlyElementsOf(expected.subList(1, expected.size()).stream().sorted().toList());
        Map<String, AttributionUpdate> answers = harness.latestUpdates();
        assertThat(rows).allSatisfy((key, row) -> {
            assertThat(key).isEqualTo(row.key());
            assertThat(row.version()).isEqualTo(answers.get(answerKey(row)).version());
            assertThat(row.settings()).isEqualTo(answers.get(answerKey(row)).settings());
        });
        assertTombstonesRemoveWrittenRows(harness.allCredits());
    }

    @Test
    void aTouchpointThatLeavesLosesItsRowAndAnAnswerThatGoesLosesThemAll() {
        String answer = "C1|FIRST_PAID|linear";
        try (TopologyHarness harness = new TopologyHarness(AttributionSettings.defaults()
                .withTypes(List.of(ConversionType.FIRST_PAID)).withModels(CreditModels.named(List.of("linear"))),
                Pacing.DEFAULT, IdentityOptions.pseudonymised(io.attributionstreams.testsupport.TestPseudonyms.values()),
                Outputs.WITH_CREDITS)) {
            harness.pipe(List.of(customer(List.of("ann@example.com")),
                    interaction("I1", "2025-01-02T10:00:00Z", "tv", "201-555-0123", null),
                    interaction("I|2", "2025-01-03T10:00:00Z", "radio", null, "ann@example.com"),
                    new FactRecord(FactFile.PAYMENTS, "P1", new RawPayment("P1", "C1", "2025-01-05", "90.00", "USD"))));
            assertThat(harness.latestCredits()).containsOnlyKeys(answer + "|I1", answer + "|I\\|2");
            assertThat(harness.latestCredits().get(answer + "|I1").credit()).isEqualByComparingTo("0.5");
            assertThat(harness.latestCredits().get(answer + "|I\\|2").revenue()).isEqualTo("45.00");
            int written = harness.allCredits().size();

            // the email goes: I|2 no longer reaches C1, whose answer is now I1 alone, at version 2
            harness.pipe(customer(List.of()));
            List<TestRecord<String, CreditRecord>> change = harness.allCredits().subList(written,
                    harness.allCredits().size());
            assertThat(change).extracting(TestRecord::key).containsExactlyInAnyOrder(answer + "|I1", answer + "|I\\|2");
            assertThat(change).filteredOn(r -> r.value() == null).extracting(TestRecord::key)
                    .containsExactly(answer + "|I\\|2");
            CreditRecord alone = harness.latestCredits().get(answer + "|I1");
            assertThat(alone.version()).isEqualTo(2);
            assertThat(alone.credit()).isEqualByComparingTo("1");
            assertThat(alone.revenue()).isEqualTo("90.00");
            assertThat(harness.latestCredits()).containsOnlyKeys(answer + "|I1");

            // the customer is deleted: its answer goes, and every row of it
            harness.pipe(FactRecord.tombstone(FactFile.CUSTOMERS, "C1"));
            assertThat(harness.latestUpdates()).isEmpty();
            assertThat(harness.latestCredits()).isEmpty();
            assertTombstonesRemoveWrittenRows(harness.allCredits());
        }
    }

    @Test
    void everyRowOfAnAnswerGoesToThePartitionItsAnswerHasOnTheUpdatesTopic() {
        String answer = "C|1|FIRST_PAID|linear";
        for (String id : List.of("I1", "I|2", "I\\3", "\\|", "|", "x\\")) {
            String key = CreditRecord.key(answer, id);
            assertThat(CreditRecord.answerKeyOf(key)).as(key).isEqualTo(answer);
            assertThat(new CreditPartitioner().partitions("attribution-credits", key, null, 6))
                    .isEqualTo(new AnswerPartitioner().partitions("attribution-updates", answer, null, 6));
        }
        assertThat(CreditRecord.key(answer, "I|2")).isEqualTo(answer + "|I\\|2");
        assertThat(CreditRecord.key(answer, "\\|")).isEqualTo(answer + "|\\\\\\|");
    }

    private static FactRecord customer(List<String> emails) {
        return new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of("201-555-0123"), emails));
    }

    private static FactRecord interaction(String id, String at, String channel, String phone, String email) {
        return new FactRecord(FactFile.INTERACTIONS, id, new RawInteraction(id, "call", at, channel, null, phone,
                email, null));
    }

    /** Every tombstone on the topic follows a row written under its key and not yet removed. */
    private static void assertTombstonesRemoveWrittenRows(List<TestRecord<String, CreditRecord>> records) {
        Set<String> live = new HashSet<>();
        List<String> stray = new ArrayList<>();
        for (TestRecord<String, CreditRecord> r : records) {
            if (r.value() != null) {
                live.add(r.key());
            } else if (!live.remove(r.key())) {
                stray.add(r.key());
            }
        }
        assertThat(stray).as("tombstones of rows never written").isEmpty();
    }

    private static String answerKey(CreditRecord row) {
        return row.customerId() + '|' + row.conversionType() + '|' + row.model();
    }

    /** The row as attribution.csv writes it. */
    private static String line(CreditRecord row) {
        StringBuilder text = new StringBuilder();
        List<String> cells = List.of(row.customerId(), row.conversionType(), row.model(),
                row.conversionAt() == null ? "" : row.conversionAt(), row.interactionId(), row.type(), row.channel(),
                row.campaign() == null ? "" : row.campaign(), row.occurredAt(), Formats.credit(row.credit()),
                row.revenue());
        for (int i = 0; i < cells.size(); i++) {
            CsvRows.appendCell(text, cells.get(i)).append(i < cells.size() - 1 ? "," : "");
        }
        return text.toString();
    }
}

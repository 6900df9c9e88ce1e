package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.UpdateKey;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.FinalFacts;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.attribution.EmittedAnswer;
import io.attributionstreams.topology.attribution.EmittedAnswerSerde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers of any size (docs/contract.md §9) through the production topology: a customer with thousands of
 * touchpoints on hundreds of 256-character channels gets its answer in parts, none over the limit, read back
 * whole; no store record grows with it; it shrinks and goes away again; and it all equals batch.
 */
class LargeAnswersTest {
    private static final String KEY = "BIG|FIRST_CONTACT|linear";
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults()
            .withTypes(List.of(ConversionType.FIRST_CONTACT, ConversionType.FIRST_PAID))
            .withModels(CreditModels.named(List.of("linear")));

    @TempDir
    Path tmp;

    private static FactRecord interaction(int i, int channels) {
        String id = String.format("I%05d", i);
        String channel = String.format("%03d", i % channels) + "c".repeat(253);
        return new FactRecord(FactFile.INTERACTIONS, id, new RawInteraction(id, "call",
                String.format("2025-01-01T%02d:%02d:%02dZ", i / 3600 % 24, i / 60 % 60, i % 60), channel,
                "k".repeat(256), null, null, "BIG"));
    }

    @Test
    void aCustomerWithThousandsOfTouchpointsOnHundredsOfChannels() throws IOException {
        List<FactRecord> facts = new ArrayList<>();
        facts.add(new FactRecord(FactFile.CUSTOMERS, "BIG", new RawCustomer("BIG", List.of(), List.of())));
        facts.add(new FactRecord(FactFile.PAYMENTS, "P1", new RawPayment("P1", "BIG", "2026-01-01", "1000.00", "USD")));
        for (int i = 0; i < 3_000; i++) {
            facts.add(interaction(i, 600));
        }
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            harness.pipe(facts);
            AttributionUpdate whole = harness.latestUpdates().get(KEY);
            assertThat(whole.touchpoints()).hasSize(3_000);
            assertThat(harness.versionViolations()).isEmpty(); // includes: no record over AnswerParts.MAX_RECORD_BYTES
            List<TestRecord<String, AttributionUpdate>> lastVersion = harness.allUpdates().stream()
                    .filter(r -> UpdateKey.parse(r.key()).answerKey().equals(KEY) && r.value() != null
                            && r.value().version() == whole.version()).toList();
            assertThat(lastVersion.size()).as("parts and the answer record").isGreaterThan(5);
            assertThat(lastVersion.get(lastVersion.size() - 1).value().touchpointCount()).isEqualTo(3_000);
            assertThat(largestEntry(harness, Names.CUSTOMER_ANSWERS)).isLessThan(70 * 1024);
            matchesBatch(harness, facts);

            // the answer shrinks to a few touchpoints: one record again, the parts it no longer has removed
            for (int i = 10; i < 3_000; i++) {
                facts.add(FactRecord.tombstone(FactFile.INTERACTIONS, String.format("I%05d", i)));
                harness.pipe(facts.get(facts.size() - 1));
            }
            assertThat(harness.latestUpdates().get(KEY).touchpoints()).hasSize(10);
            matchesBatch(harness, facts);
            assertThat(answerChannels(harness)).isZero();

            // and goes away with its customer, every part with it
            facts.add(FactRecord.tombstone(FactFile.CUSTOMERS, "BIG"));
            harness.pipe(facts.get(facts.size() - 1));
            assertThat(harness.latestUpdates()).isEmpty();
            assertThat(harness.latestTotals()).isEmpty();
            assertThat(latestParts(harness)).isEmpty();
        }
    }

    @Test
    void anAnswerOverSoManyChannelsThatItsContributionsAreKeptApart() throws IOException {
        List<FactRecord> facts = new ArrayList<>();
        facts.add(new FactRecord(FactFile.CUSTOMERS, "BIG", new RawCustomer("BIG", List.of(), List.of())));
        for (int i = 0; i < 1_000; i++) {
            facts.add(interaction(i, 1_000));
        }
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            harness.pipe(facts).settle(); // the customer is paced: its last recomputes wait for wall-clock time
            assertThat(answerChannels(harness)).isEqualTo(1_000);
            assertThat(largestEntry(harness, Names.CUSTOMER_ANSWERS)).isLessThan(70 * 1024);
            matchesBatch(harness, facts);

            for (int i = 0; i < 600; i++) {
                facts.add(FactRecord.tombstone(FactFile.INTERACTIONS, String.format("I%05d", i)));
                harness.pipe(facts.get(facts.size() - 1));
            }
            matchesBatch(harness, facts);
            facts.add(FactRecord.tombstone(FactFile.CUSTOMERS, "BIG"));
            harness.pipe(facts.get(facts.size() - 1));
            assertThat(harness.latestTotals()).isEmpty();
            assertThat(answerChannels(harness)).isZero();
        }
    }

    private void matchesBatch(TopologyHarness harness, List<FactRecord> facts) throws IOException {
        Path input = Files.createTempDirectory(tmp, "in");
        Path batch = Files.createTempDirectory(tmp, "batch");
        Path stream = Files.createTempDirectory(tmp, "stream");
        FinalFacts.write(facts, input);
        BatchRun.run(input, batch, SETTINGS, null);
        harness.exportTo(stream);
        assertThat(stream.resolve("attribution.csv")).hasSameTextualContentAs(batch.resolve("attribution.csv"));
        assertThat(stream.resolve("channels.csv")).hasSameTextualContentAs(batch.resolve("channels.csv"));
    }

    private static long answerChannels(TopologyHarness harness) {
        KeyValueStore<String, Object> store = harness.driver().getKeyValueStore(Names.ANSWER_CHANNELS);
        long count = 0;
        try (KeyValueIterator<String, Object> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private static long largestEntry(TopologyHarness harness, String storeName) {
        KeyValueStore<String, EmittedAnswer> store = harness.driver().getKeyValueStore(storeName);
        EmittedAnswerSerde serde = EmittedAnswerSerde.INSTANCE; // what the store writes to its changelog
        long largest = 0;
        try (KeyValueIterator<String, EmittedAnswer> all = store.all()) {
            while (all.hasNext()) {
                largest = Math.max(largest, serde.toBytes(all.next().value).length);
            }
        }
        return largest;
    }

    /** Part keys whose latest record is not a tombstone. */
    private static List<String> latestParts(TopologyHarness harness) {
        java.util.Map<String, AttributionUpdate> latest = new java.util.HashMap<>();
        for (TestRecord<String, AttributionUpdate> r : harness.allUpdates()) {
            if (UpdateKey.parse(r.key()).isPart()) {
                latest.put(r.key(), r.value());
            }
        }
        latest.values().removeIf(java.util.Objects::isNull);
        return List.copyOf(latest.keySet());
    }
}

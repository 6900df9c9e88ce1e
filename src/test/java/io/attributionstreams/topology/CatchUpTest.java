package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the application catches up, changed customers wait and are recomputed once it has: the same
 * answers as batch, one update per answer (version 1) instead of one per fact, and the app answers at
 * once again when it is no longer behind.
 */
class CatchUpTest {

    @Test
    void aShuffledReplayWhileCatchingUpWritesEachAnswerOnceAndEqualsBatch(@TempDir Path tmp) throws IOException {
        ZoneId zone = ZoneId.of("America/Chicago");
        AttributionSettings settings = AttributionSettings.defaults().withZone(zone)
                .withModels(CreditModels.named(List.of("daily_split", "position_based")));
        Path input = Files.createDirectories(tmp.resolve("input"));
        new DataGenerator(new GeneratorSpec(300, 3_000, 20_261_129, 0.05, zone)).writeTo(input);
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        BatchRun.run(input, batch, settings, null);
        List<FactRecord> records = FactRecord.shuffled(FactRecord.read(input), new Random(11));

        Path stream = Files.createDirectories(tmp.resolve("stream"));
        try (TopologyHarness harness = new TopologyHarness(settings)) {
            harness.catchingUp(true);
            for (int i = 0; i < records.size(); i++) {
                harness.pipe(records.get(i));
                if ((i + 1) % 500 == 0) {
                    harness.advanceWallClock(Duration.ofMillis(250)); // punctuations run: nothing is released
                }
            }
            assertThat(harness.updatesSoFar()).isEmpty();

            harness.catchingUp(false);
            harness.exportTo(stream);
            List<TestRecord<String, AttributionUpdate>> updates = harness.allUpdates();
            assertThat(harness.versionViolations()).isEmpty();
            assertThat(updates).isNotEmpty().allSatisfy(u -> assertThat(u.value().version()).isEqualTo(1));
            assertThat(updates).hasSize(harness.latestUpdates().size());
            assertThat(updates.size()).isLessThan(records.size() / 2); // one per answer, not one per fact

            // caught up: a payment is answered at once, without waiting for a punctuation
            int before = harness.updatesSoFar().size();
            RawPayment paid = harness.latestUpdates().values().stream()
                    .filter(u -> u.conversionType().equals("FIRST_PAID")).findFirst()
                    .map(u -> new RawPayment("PAY-CATCH-UP", u.customerId(), "2025-12-31 10:00", "987.65", "USD"))
                    .orElseThrow();
            harness.pipe(new FactRecord(FactFile.PAYMENTS, paid.paymentId(), paid));
            assertThat(harness.updatesSoFar().size()).isGreaterThan(before);
        }
        assertThat(stream.resolve("attribution.csv")).hasSameTextualContentAs(batch.resolve("attribution.csv"));
        assertThat(stream.resolve("channels.csv")).hasSameTextualContentAs(batch.resolve("channels.csv"));
    }
}

package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated data of 20,000 interactions (messy formats, shared identifiers, upserts, bad rows,
 * another business zone, two models), shuffled across the four topics: the converged
 * {@code attribution-updates} and channel totals equal {@code batch} on the same files exactly.
 */
class GeneratedConvergenceTest {

    @Test
    void twentyThousandInteractionsConvergeToBatch(@TempDir Path tmp) throws IOException {
        convergesToBatch(tmp, Pacing.DEFAULT, Integer.MAX_VALUE, 2_000, 20_000);
    }

    /**
     * Pacing from 5 touchpoints defers most customers' recomputes; wall-clock time passes every 300
     * records, so deferred recomputes run between new events, at many points of the stream. Half the size:
     * what it adds is the deferral, which half the data exercises as well, in half the time.
     */
    @Test
    void convergesToBatchWhenMostRecomputesAreDeferred(@TempDir Path tmp) throws IOException {
        double deferred = convergesToBatch(tmp, new Pacing(Duration.ofSeconds(1), Duration.ofMillis(20), 5), 300,
                1_000, 10_000);
        assertThat(deferred).isGreaterThan(1_000);
    }

    /** @return the deferred recomputes */
    private static double convergesToBatch(Path tmp, Pacing pacing, int advanceEvery, int customers,
            int interactions) throws IOException {
        ZoneId zone = ZoneId.of("America/Chicago");
        AttributionSettings settings = AttributionSettings.defaults().withZone(zone)
                .withModels(CreditModels.named(List.of("daily_split", "position_based")));
        Path input = Files.createDirectories(tmp.resolve("input"));
        new DataGenerator(new GeneratorSpec(customers, interactions, 20_251_125, 0.05, zone)).writeTo(input);
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        BatchRun.Summary summary = BatchRun.run(input, batch, settings, null);

        Path stream = Files.createDirectories(tmp.resolve("stream"));
        List<FactRecord> records = FactRecord.shuffled(FactRecord.read(input), new Random(7));
        double deferred;
        try (TopologyHarness harness = new TopologyHarness(settings, pacing)) {
            for (int i = 0; i < records.size(); i++) {
                harness.pipe(records.get(i));
                if ((i + 1) % advanceEvery == 0) {
                    harness.advanceWallClock(Duration.ofMillis(250));
                }
            }
            harness.exportTo(stream);
            deferred = harness.registry().find("attribution.recomputes.deferred").counter().count();

            assertThat(harness.versionViolations()).isEmpty();
            assertThat(harness.deadLetters()).hasSize((int) summary.rejected());
        }
        assertThat(summary.attributionRows()).isGreaterThan(interactions);
        assertThat(stream.resolve("attribution.csv")).hasSameTextualContentAs(batch.resolve("attribution.csv"));
        assertThat(stream.resolve("channels.csv")).hasSameTextualContentAs(batch.resolve("channels.csv"));
        return deferred;
    }
}

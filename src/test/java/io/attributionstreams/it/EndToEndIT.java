package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.export.ExportFiles;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.KafkaFixture;
import io.attributionstreams.testsupport.RunningApp;
import io.attributionstreams.testsupport.VersionChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real broker: a generated data set of 20,000 interactions, replayed shuffled,
 * processed by the app with exactly_once_v2, exported with read_committed: equal to batch, byte for
 * byte, and every key's versions 1, 2, 3, ... with none doubled or skipped.
 */
class EndToEndIT {
    private static KafkaFixture kafka;

    @BeforeAll
    static void broker() {
        kafka = KafkaFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void shuffledReplayOfTwentyThousandInteractionsExportsExactlyTheBatchAnswer(@TempDir Path tmp) throws Exception {
        Path input = Files.createDirectories(tmp.resolve("input"));
        new DataGenerator(new GeneratorSpec(2_000, 20_000, 42, 0.05, ZoneOffset.UTC)).writeTo(input);
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        BatchRun.run(input, batch, AttributionSettings.defaults(), null);

        try (StreamingApp app = RunningApp.start(kafka.bootstrapServers(), "e2e", tmp.resolve("state"), Map.of())) {
            List<CsvRow> rows = ReplayPlan.shuffled(ReplayPlan.inFileOrder(input), 11);
            Replayer.send(kafka.bootstrapServers(), rows, 0, null);
            Exporter.awaitQuiet(kafka.bootstrapServers(), "e2e", Duration.ofSeconds(3), Duration.ofMinutes(8), null);
        }
        Exporter.Snapshot snapshot = Exporter.read(kafka.bootstrapServers());
        Path stream = Files.createDirectories(tmp.resolve("stream"));
        ExportFiles.write(stream, snapshot.updates().values(), snapshot.totals().values());

        assertThat(stream.resolve("attribution.csv")).hasSameBinaryContentAs(batch.resolve("attribution.csv"));
        assertThat(stream.resolve("channels.csv")).hasSameBinaryContentAs(batch.resolve("channels.csv"));
        assertThat(VersionChain.check(kafka.bootstrapServers())).isEmpty();
    }
}

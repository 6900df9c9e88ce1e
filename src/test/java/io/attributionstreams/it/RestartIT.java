package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Stop the app mid-replay, start it again on the same state, finish the replay: the export still
 * equals batch, and no key's version is doubled or skipped in the read_committed output.
 */
class RestartIT {
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
    void stoppingAndRestartingMidReplayLosesAndDoublesNothing(@TempDir Path tmp) throws Exception {
        Path input = Files.createDirectories(tmp.resolve("input"));
        new DataGenerator(new GeneratorSpec(800, 6_000, 99, 0.1, ZoneOffset.UTC)).writeTo(input);
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        BatchRun.run(input, batch, AttributionSettings.defaults(), null);
        List<CsvRow> rows = ReplayPlan.shuffled(ReplayPlan.inFileOrder(input), 3);
        int half = rows.size() / 2;

        try (StreamingApp app = RunningApp.start(kafka.bootstrapServers(), "restart", tmp.resolve("state"), Map.of())) {
            Replayer.send(kafka.bootstrapServers(), rows.subList(0, half), 0, null);
            Thread.sleep(1_500); // let it get part of the way: the stop must come mid-stream, not after
        }
        try (StreamingApp app = RunningApp.start(kafka.bootstrapServers(), "restart", tmp.resolve("state"), Map.of())) {
            Replayer.send(kafka.bootstrapServers(), rows.subList(half, rows.size()), 0, null);
            Exporter.awaitQuiet(kafka.bootstrapServers(), "restart", Duration.ofSeconds(3), Duration.ofMinutes(5), null);
        }
        Exporter.Snapshot snapshot = Exporter.read(kafka.bootstrapServers());
        Path stream = Files.createDirectories(tmp.resolve("stream"));
        ExportFiles.write(stream, snapshot.updates().values(), snapshot.totals().values());

        assertThat(stream.resolve("attribution.csv")).hasSameBinaryContentAs(batch.resolve("attribution.csv"));
        assertThat(stream.resolve("channels.csv")).hasSameBinaryContentAs(batch.resolve("channels.csv"));
        assertThat(VersionChain.check(kafka.bootstrapServers())).isEmpty();
    }
}

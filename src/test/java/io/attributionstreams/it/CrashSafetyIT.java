package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.AppProcess;
import io.attributionstreams.testsupport.TopicReader;
import io.attributionstreams.topology.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, as Kafka's own exactly-once tests check it: the app runs as a separate process and
 * is killed with SIGKILL three times at random points of a shuffled replay, restarting on its local
 * state each time. Afterwards the export equals batch exactly, no key's version repeats, skips or
 * goes backwards in the read_committed output, and every input record is accounted for: consumed by
 * the app, and the rejected ones in the dead-letter topic exactly once.
 */
class CrashSafetyIT extends RealBrokerTest {

    @Test
    void threeKillsDuringAReplayLoseAndDoubleNothing(@TempDir Path tmp) throws Exception {
        DataSet data = generate(tmp, 1_000, 8_000, 314, 0.1);
        List<CsvRow> rows = ReplayPlan.shuffled(ReplayPlan.inFileOrder(data.input()), 27);
        Path state = tmp.resolve("state");
        Path log = tmp.resolve("app.log");
        Random random = new Random(42);

        AppProcess app = AppProcess.start(kafka.bootstrapServers(), "crash", state, log);
        CompletableFuture<Replayer.Totals> replay = CompletableFuture.supplyAsync(
                () -> Replayer.send(kafka.bootstrapServers(), rows, 600, null));
        long progress = 0;
        for (int kill = 0; kill < 3; kill++) {
            // each kill lands mid-stream: after the app has committed more input than before, at a random moment
            progress = awaitProgressBeyond(progress);
            Thread.sleep(300 + random.nextInt(2_000));
            app.kill();
            app = AppProcess.start(kafka.bootstrapServers(), "crash", state, log);
        }
        replay.join();
        try (AppProcess last = app) {
            Exporter.awaitQuiet(kafka.bootstrapServers(), "crash", Duration.ofSeconds(3), Duration.ofMinutes(6), null);
        }

        assertTopicsEqualBatch(data, tmp);
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), Names.DLQ)).hasSize((int) data.summary().rejected());
        assertThat(Files.readString(log)).contains("SIGTERM or Ctrl-C stops it");
    }

    /** Waits until the app's committed input offsets pass {@code before}; returns the new sum. */
    private static long awaitProgressBeyond(long before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                long committed = 0;
                try {
                    var offsets = admin.listConsumerGroupOffsets("crash").partitionsToOffsetAndMetadata().get();
                    if (offsets != null) {
                        committed = offsets.entrySet().stream()
                                .filter(e -> !e.getKey().topic().startsWith("crash-") && e.getValue() != null)
                                .mapToLong(e -> e.getValue().offset()).sum();
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    committed = 0; // the group does not exist yet
                }
                if (committed > before) {
                    return committed;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the app made no progress within two minutes");
    }
}

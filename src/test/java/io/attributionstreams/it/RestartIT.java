package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.bench.AppProcess;
import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.RunningApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop the app mid-replay, start it again on the same state, finish the replay: the export still
 * equals batch, and no key's version is doubled or skipped in the read_committed output.
 */
class RestartIT extends RealBrokerTest {

    @Test
    void stoppingAndRestartingMidReplayLosesAndDoublesNothing(@TempDir Path tmp) throws Exception {
        DataSet data = generate(tmp, 800, 6_000, 99, 0.1);
        List<CsvRow> rows = ReplayPlan.shuffled(ReplayPlan.inFileOrder(data.input()), 3);
        int half = rows.size() / 2;

        try (StreamingApp first = RunningApp.start(kafka.bootstrapServers(), "restart", tmp.resolve("state"), Map.of())) {
            Replayer.send(kafka.bootstrapServers(), rows.subList(0, half), 0, null);
            // let it get part of the way: the stop comes mid-stream, as soon as it has committed some input
            // (a fixed pause of 1.5 s used to end while it was still joining the group, before any)
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Exporter.committedInput(admin, "restart") > 0);
            }
        }
        try (StreamingApp second = RunningApp.start(kafka.bootstrapServers(), "restart", tmp.resolve("state"), Map.of())) {
            Replayer.send(kafka.bootstrapServers(), rows.subList(half, rows.size()), 0, null);
            Exporter.awaitQuiet(kafka.bootstrapServers(), "restart", Duration.ofSeconds(3), Duration.ofMinutes(5), null);
        }

        assertTopicsEqualBatch(data, tmp);
    }

    /** SIGTERM is a request, not a crash: `run` closes Kafka Streams (committing), says so, and exits 0. */
    @Test
    void sigtermStopsRunCleanlyAndItExitsZero(@TempDir Path tmp) throws Exception {
        DataSet data = generate(tmp, 100, 800, 5, 0.0);
        Path log = tmp.resolve("app.log");
        AppProcess app = AppProcess.start(kafka.bootstrapServers(), "sigterm", tmp.resolve("state"), log);
        try {
            app.awaitReady(Duration.ofMinutes(2));
            Replayer.send(kafka.bootstrapServers(), ReplayPlan.inFileOrder(data.input()), 0, null);
        } finally {
            app.close(); // SIGTERM, then waits for the process to end
        }
        assertThat(app.exitCode()).isZero();
        assertThat(Files.readString(log)).contains("stopped: Kafka Streams closed, offsets committed")
                .doesNotContain("error:");
    }
}

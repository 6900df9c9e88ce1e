package io.attributionstreams.it;

import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.RunningApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real broker: a generated data set of 20,000 interactions, replayed shuffled,
 * processed by the app with exactly_once_v2, exported with read_committed: equal to batch, byte for
 * byte, and every key's versions 1, 2, 3, ... with none doubled or skipped.
 */
class EndToEndIT extends RealBrokerTest {

    @Test
    void shuffledReplayOfTwentyThousandInteractionsExportsExactlyTheBatchAnswer(@TempDir Path tmp) throws Exception {
        DataSet data = generate(tmp, 2_000, 20_000, 42, 0.05);

        try (StreamingApp app = RunningApp.start(kafka.bootstrapServers(), "e2e", tmp.resolve("state"), Map.of())) {
            Replayer.send(kafka.bootstrapServers(), ReplayPlan.shuffled(ReplayPlan.inFileOrder(data.input()), 11), 0, null);
            Exporter.awaitQuiet(kafka.bootstrapServers(), "e2e", Duration.ofSeconds(3), Duration.ofMinutes(8), null);
        }

        assertTopicsEqualBatch(data, tmp);
    }
}

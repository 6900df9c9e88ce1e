package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.RunningApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pacing on a real broker, from 3 touchpoints at 400 ms each: most customers' last touchpoint
 * changes wait seconds after the input is consumed and the outputs look still. Waiting for quiet
 * must see them in the pending-recomputes changelog (a 1 s quiet alone exports too early), and the
 * export then equals batch, with every key's versions 1, 2, 3, ...
 */
class PacingIT extends RealBrokerTest {

    @Test
    void exportWaitsForRecomputesDeferredByPacing(@TempDir Path tmp) throws Exception {
        DataSet data = generate(tmp, 300, 3_000, 43, 0.05);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (StreamingApp app = RunningApp.start(kafka.bootstrapServers(), "paced", tmp.resolve("state"),
                Map.of("attribution.recompute.pace-from", "3", "attribution.recompute.per-touchpoint", "PT0.4S"),
                registry)) {
            Replayer.send(kafka.bootstrapServers(), ReplayPlan.shuffled(ReplayPlan.inFileOrder(data.input()), 12), 0, null);
            Exporter.awaitQuiet(kafka.bootstrapServers(), "paced", Duration.ofSeconds(1), Duration.ofMinutes(8), null);
            assertThat(registry.find("attribution.recomputes.deferred").counter().count()).isGreaterThan(100);
        }

        assertTopicsEqualBatch(data, tmp);
    }
}

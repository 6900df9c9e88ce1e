package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.FinalFacts;
import io.attributionstreams.testsupport.RunningApp;
import io.attributionstreams.topology.TopologyMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spread fan-out on a real broker: 150 customers claim one number, then 5 interactions arrive on it,
 * each earlier than the one before (so each changes every claimant's first contact). With a budget of
 * 50 targets and a punctuation every 3 s, each interaction reaches 50 claimants at once and the other
 * 100 over the next half minute, with gaps between punctuations longer than the 1 s quiet (channel
 * totals follow the updates within 1 s). Waiting for quiet must see the fan-outs in the pending-fanouts
 * changelog (the outputs alone look still too early), and the export then equals batch, with every
 * key's versions 1, 2, 3, ...
 */
class FanOutIT extends RealBrokerTest {
    private static final String SHARED = "(312) 555-0147";

    @Test
    void exportWaitsForFanOutsSpreadOverPunctuations(@TempDir Path tmp) throws Exception {
        List<FactRecord> facts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String id = String.format("C%03d", i);
            facts.add(new FactRecord(FactFile.CUSTOMERS, id, new RawCustomer(id, List.of(SHARED), List.of())));
        }
        for (int i = 1; i <= 5; i++) {
            String id = String.format("I%02d", i);
            facts.add(new FactRecord(FactFile.INTERACTIONS, id, new RawInteraction(id, "call",
                    String.format("2025-01-%02dT10:00:00Z", 20 - i), "channel_" + i, null, SHARED, null, null)));
        }
        Path input = Files.createDirectories(tmp.resolve("input"));
        FinalFacts.write(facts, input);
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        DataSet data = new DataSet(input, batch, BatchRun.run(input, batch, AttributionSettings.defaults(), null));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (StreamingApp app = RunningApp.start(kafka.bootstrapServers(), "spread", tmp.resolve("state"),
                Map.of("attribution.fanout.budget", "50", "attribution.fanout.interval", "PT3S"), registry)) {
            // the claimants first, all of them, so that each interaction finds 150 and defers 100
            List<CsvRow> rows = ReplayPlan.inFileOrder(input);
            Replayer.send(kafka.bootstrapServers(), rows.stream().filter(r -> r.file() == FactFile.CUSTOMERS).toList(),
                    0, null);
            Exporter.awaitQuiet(kafka.bootstrapServers(), "spread", Duration.ofSeconds(1), Duration.ofMinutes(5), null);
            Replayer.send(kafka.bootstrapServers(), rows.stream().filter(r -> r.file() != FactFile.CUSTOMERS).toList(),
                    0, null);
            Exporter.awaitQuiet(kafka.bootstrapServers(), "spread", Duration.ofSeconds(1), Duration.ofMinutes(5), null);
            assertThat(registry.find(TopologyMetrics.FAN_OUT_DEFERRED).counter().count()).isGreaterThanOrEqualTo(5);
        }

        assertTopicsEqualBatch(data, tmp);
    }
}

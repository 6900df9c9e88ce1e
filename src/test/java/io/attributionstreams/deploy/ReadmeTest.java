package io.attributionstreams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.CatchUpMonitor;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.ops.StoreSizes;
import io.attributionstreams.query.QueryService;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.Names;
import io.micrometer.core.instrument.Meter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documented configuration table (docs/configuration.md) and metrics table (docs/operations.md) list
 * exactly what the code has. The README links to both.
 */
class ReadmeTest {
    private static final Pattern METRIC_ROW = Pattern.compile("(?m)^\\| `(attribution\\.[a-z.]+)` \\(`[a-z_]+`\\) \\|");

    private static String doc(String path) throws IOException {
        return Files.readString(Path.of(path));
    }

    @Test
    void configurationTableListsEveryApplicationKeyWithItsVariable() throws IOException {
        String configuration = doc("docs/configuration.md");
        for (String key : AppConfig.APP_KEYS.keySet()) {
            assertThat(configuration).as(key).contains("| `" + key + "` | `" + AppConfig.envName(key) + "` |");
        }
    }

    @Test
    void metricsTableListsEveryMeterOfTheEngineAndNoOther() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher row = METRIC_ROW.matcher(doc("docs/operations.md"));
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(engineMeters());
    }

    /** The engine's meter names after a run that makes each one appear: updates, a restatement, a delete, a bad record. */
    private static Set<String> engineMeters() {
        Set<String> names = new TreeSet<>();
        try (TopologyHarness harness = new TopologyHarness(AttributionSettings.defaults())) {
            harness.pipe(List.of(
                    new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of("201-555-0123"), List.of())),
                    new FactRecord(FactFile.INTERACTIONS, "I1", new RawInteraction("I1", "call",
                            "2025-01-05T10:00:00Z", "tv", null, "201-555-0123", null, null)),
                    new FactRecord(FactFile.PAYMENTS, "P1", new RawPayment("P1", "C1", "2025-02-01", "10.00", "USD")),
                    new FactRecord(FactFile.INTERACTIONS, "I0", new RawInteraction("I0", "call",
                            "2025-01-02T10:00:00Z", "radio", null, "201-555-0123", null, null)),
                    FactRecord.tombstone(FactFile.CUSTOMERS, "C1")));
            harness.pipeBytes(Names.INTERACTIONS, "I9", "{not json".getBytes(StandardCharsets.UTF_8));
            // without the gauges a registry derives from a summary's percentiles or a timer's buckets
            harness.registry().getMeters().stream().map(Meter::getId).filter(id -> id.syntheticAssociation() == null)
                    .map(Meter.Id::getName).filter(name -> name.startsWith("attribution.")).forEach(names::add);
        }
        names.add(StoreSizes.METRIC); // registered on the running app's KafkaStreams, not in the topology
        names.add(QueryService.REFUSED_METRIC); // registered with the query routes on the HTTP server
        names.add(CatchUpMonitor.CATCHING_UP_METRIC); // both registered by the running app, which watches its lag
        names.add(CatchUpMonitor.RECORDS_BEHIND_METRIC);
        return names;
    }
}

package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.RunningEngine;
import io.attributionstreams.deploy.GrafanaDashboard;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.PrometheusScrape;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.topology.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app as {@code run} starts it (RunningEngine: Prometheus registry, Kafka Streams binder, store
 * gauges, HTTP), on a real broker, fed a few facts with a bad record, a restatement and a delete;
 * then its {@code /metrics} page must hold every series the Grafana dashboard queries, and the
 * engine's meters must read the exact figures of what was sent.
 */
class MetricsIT extends RealBrokerTest {
    private static final String APP = "metrics";
    private static final String PHONE = "201-555-0123";

    private static ProducerRecord<String, byte[]> json(String topic, String key, String json) {
        return new ProducerRecord<>(topic, key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private static final List<ProducerRecord<String, byte[]>> FIRST = List.of(
            json(Names.CUSTOMERS, "C1", "{\"customer_id\":\"C1\",\"phones\":[\"" + PHONE + "\"]}"),
            json(Names.CUSTOMERS, "C2", "{\"customer_id\":\"C2\",\"phones\":[\"(201) 555-0123\"]}"),
            json(Names.CUSTOMERS, "C3", "{\"customer_id\":\"C3\",\"emails\":[\"ann@example.com\"]}"),
            json(Names.INTERACTIONS, "I1", "{\"interaction_id\":\"I1\",\"type\":\"call\",\"occurred_at\":\"2025-01-05\","
                    + "\"channel\":\"radio\",\"phone\":\"" + PHONE + "\"}"),
            json(Names.INTERACTIONS, "I2", "{\"interaction_id\":\"I2\",\"type\":\"email\",\"occurred_at\":\"2025-01-03\","
                    + "\"channel\":\"tv\",\"email\":\"ann@example.com\"}"),
            json(Names.INTERACTIONS, "I9", "{not json"),
            json(Names.APPOINTMENTS, "A1", "{\"appointment_id\":\"A1\",\"customer_id\":\"C1\",\"booked_at\":\"2025-01-10\"}"),
            json(Names.PAYMENTS, "P1", "{\"payment_id\":\"P1\",\"customer_id\":\"C1\",\"paid_at\":\"2025-02-01\","
                    + "\"amount\":25,\"currency\":\"USD\"}"));

    /** After the first answers are out: an earlier interaction restates C1's and C2's, and C3 is deleted. */
    private static final List<ProducerRecord<String, byte[]>> SECOND = List.of(
            json(Names.INTERACTIONS, "I0", "{\"interaction_id\":\"I0\",\"type\":\"call\",\"occurred_at\":\"2025-01-02\","
                    + "\"channel\":\"search\",\"phone\":\"" + PHONE + "\"}"),
            json(Names.CUSTOMERS, "C3", null));

    @Test
    void metricsPageHoldsEverySeriesTheDashboardQueriesWithTheExactFigures(@TempDir Path tmp) throws Exception {
        Map<String, String> cli = Map.of(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                StreamsConfig.APPLICATION_ID_CONFIG, APP,
                StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state").toString(),
                AppConfig.HTTP_PORT, "0",
                AppConfig.HOT_IDENTIFIER_THRESHOLD, "1",
                AppConfig.PSEUDONYM_KEY_FILE, TestPseudonyms.keyFile().toString());
        PrometheusScrape scrape;
        try (RunningEngine engine = RunningEngine.start(null, Map.of(), cli);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                     Replayer.producerSettings(kafka.bootstrapServers()))) {
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> engine.app().streams().state() == KafkaStreams.State.RUNNING);
            for (List<ProducerRecord<String, byte[]>> phase : List.of(FIRST, SECOND)) {
                for (ProducerRecord<String, byte[]> r : phase) {
                    producer.send(r).get();
                }
                Exporter.awaitQuiet(kafka.bootstrapServers(), APP, Duration.ofSeconds(2), Duration.ofMinutes(2), null);
            }
            // Kafka's per-partition lag and per-task metrics reach the registry at the binder's next refresh
            String url = "http://localhost:" + engine.httpPort() + "/metrics";
            Set<String> queried = GrafanaDashboard.read().metricNames();
            AtomicReference<PrometheusScrape> last = new AtomicReference<>();
            try {
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    last.set(PrometheusScrape.fetch(url));
                    assertThat(last.get().names()).containsAll(queried);
                });
            } finally {
                // kept for whoever edits the dashboard: the real series names and labels
                if (last.get() != null) {
                    Files.writeString(Files.createDirectories(Path.of("target")).resolve("metrics-scrape.txt"),
                            last.get().text());
                }
            }
            scrape = last.get();
        }

        assertEveryQuerySelectsSeriesAndGroupsByLabelsTheyHave(scrape);

        assertThat(scrape.value("attribution_facts_in_total", Map.of("topic", Names.CUSTOMERS))).isEqualTo(4.0);
        assertThat(scrape.value("attribution_facts_in_total", Map.of("topic", Names.INTERACTIONS))).isEqualTo(4.0);
        assertThat(scrape.value("attribution_facts_in_total", Map.of("topic", Names.APPOINTMENTS))).isEqualTo(1.0);
        assertThat(scrape.value("attribution_facts_in_total", Map.of("topic", Names.PAYMENTS))).isEqualTo(1.0);
        assertThat(scrape.value("attribution_dlq_records_total",
                Map.of("topic", Names.INTERACTIONS, "reason", "unreadable record"))).isEqualTo(1.0);
        assertThat(scrape.value("attribution_identity_hot_total", Map.of())).isEqualTo(1.0);
        assertThat(scrape.value("attribution_update_latency_seconds_count", Map.of()))
                .isEqualTo(TopicReader.readAll(kafka.bootstrapServers(), Names.ATTRIBUTION_UPDATES).size());
        assertThat(scrape.samples("attribution_restatements_total")).isNotEmpty();
        assertThat(scrape.samples("attribution_tombstones_total")).isNotEmpty();
        assertThat(scrape.samples("attribution_store_entries")).extracting(s -> s.labels().get("store"))
                .containsExactlyInAnyOrderElementsOf(Names.STORES);
        assertThat(scrape.value("attribution_store_entries", Map.of("store", Names.CUSTOMER_VERSIONS)))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(scrape.text()).doesNotContain("555-0123").doesNotContain("+12015550123")
                .doesNotContain("ann@example.com");
    }

    /**
     * A misspelt label leaves a panel empty or collapses its lines into one, without an error: every
     * selector's matchers must match a series of the page, and every label a query groups by must be
     * on the series it groups ({@code instance} and {@code job} excepted: Prometheus adds them).
     */
    private static void assertEveryQuerySelectsSeriesAndGroupsByLabelsTheyHave(PrometheusScrape scrape)
            throws IOException {
        for (String expr : GrafanaDashboard.read().expressions()) {
            for (GrafanaDashboard.Selector selector : GrafanaDashboard.selectors(expr)) {
                assertThat(scrape.samples(selector.metric())).as(expr).anyMatch(s -> selector.matches(s.labels()));
            }
            for (String label : GrafanaDashboard.groupingLabels(expr)) {
                if (List.of("instance", "job").contains(label)) {
                    continue;
                }
                for (String metric : GrafanaDashboard.metricNames(expr)) {
                    assertThat(scrape.samples(metric)).as(expr + ": label " + label)
                            .anyMatch(s -> s.labels().containsKey(label));
                }
            }
        }
    }
}

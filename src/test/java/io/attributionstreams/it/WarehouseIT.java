package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.cli.AttributionOptions;
import io.attributionstreams.contract.Formats;
import io.attributionstreams.contract.OutputFiles;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.ConnectWorker;
import io.attributionstreams.testsupport.Golden;
import io.attributionstreams.testsupport.Kcat;
import io.attributionstreams.testsupport.LocalPostgres;
import io.attributionstreams.testsupport.RunningApp;
import io.attributionstreams.topology.Names;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The warehouse out (docs/warehouse.md), as an operator sets it up: the app with {@code attribution.output.credits}
 * on, PostgreSQL from Debian's package with the tables of {@code deploy/connect/schema.sql}, and a Kafka Connect
 * worker (connect-runtime, in this JVM) given the connector files of {@code deploy/connect/} through its REST
 * API: Debezium's JDBC sink, one connector per topic. After a replay of the {@code spend} example (spend, two
 * models, one of them markov), each table holds exactly the rows of the matching {@code export} file; so does
 * it after a deleted interaction leaves an answer that stays (its row alone goes) and an interaction whose id
 * needs escaping joins another, and after an erasure tombstones that customer's answers, whose rows leave the
 * table. The README's ROAS-by-month
 * query gives the months file's ROAS, a transaction aborted on the credits topic reaches no table (the
 * connectors' own read_committed: the worker does not set it), and kcat (read_committed) folds the credit rows
 * to the table's.
 */
class WarehouseIT extends RealBrokerTest {
    private static final String APP = "warehouse";
    private static final String EXAMPLE = "spend";
    private static final Path CONNECT = Path.of("deploy", "connect");
    /** Where the connector files expect the warehouse's address and credentials (compose mounts it there). */
    private static final String WAREHOUSE_FILE = "/opt/attribution/warehouse.properties";
    private static final Map<String, String> TABLES = Map.of(OutputFiles.ATTRIBUTION_FILE, "attribution_credits",
            OutputFiles.CHANNELS_FILE, "attribution_channel_totals", OutputFiles.CAMPAIGNS_FILE,
            "attribution_campaign_totals", OutputFiles.MONTHS_FILE, "attribution_month_totals");

    @Test
    void theTablesHoldExactlyTheExportedRowsAfterAReplayAndAfterAnErasure(@TempDir Path tmp) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(CommandLine.populateCommand(new AttributionOptions(),
                Golden.args(EXAMPLE).toArray(new String[0])).keys());
        settings.put(AppConfig.OUTPUT_CREDITS, "true");
        try (LocalPostgres postgres = LocalPostgres.start();
                StreamingApp app = RunningApp.start(kafka.bootstrapServers(), APP, tmp.resolve("state"), settings);
                ConnectWorker connect = ConnectWorker.start(kafka.bootstrapServers(), tmp)) {
            postgres.execute(Files.readString(CONNECT.resolve("schema.sql")));
            Path warehouse = Files.writeString(tmp.resolve("warehouse.properties"), "url=" + postgres.jdbcUrl()
                    + "\nusername=" + postgres.user() + "\npassword=\n");
            List<String> connectors = connectorNames();
            assertThat(connectors).hasSize(TABLES.size());
            for (String name : connectors) {
                connect.put(name, Files.readString(CONNECT.resolve(name + ".json"))
                        .replace(WAREHOUSE_FILE, warehouse.toString()));
            }
            for (String name : connectors) {
                await().atMost(Duration.ofMinutes(1)).until(() -> connect.running(name));
            }

            await().atMost(Duration.ofMinutes(1)).until(() -> RunningApp.running(app));
            Replayer.send(kafka.bootstrapServers(), ReplayPlan.inFileOrder(Golden.input(EXAMPLE)), 0, null);
            Exporter.awaitQuiet(kafka.bootstrapServers(), APP, Duration.ofSeconds(3), Duration.ofMinutes(3), null);
            Path first = export(tmp.resolve("first"));
            assertThat(rows(first, OutputFiles.ATTRIBUTION_FILE)).hasSizeGreaterThan(100);
            awaitTablesEqual(postgres, connect, first);
            assertRoasByMonthQueryGivesTheMonthsFile(postgres, first);

            // a touchpoint leaves its answer, which stays (its interaction is deleted); an interaction whose id needs
            // escaping in the key joins another customer's answers
            List<Map<String, String>> firstRows = rows(first, OutputFiles.ATTRIBUTION_FILE);
            Map<String, Long> rowsPerAnswer = firstRows.stream().collect(java.util.stream.Collectors.groupingBy(
                    WarehouseIT::answerKey, java.util.stream.Collectors.counting()));
            Map<String, String> leaving = firstRows.stream().filter(r -> rowsPerAnswer.get(answerKey(r)) > 2)
                    .findFirst().orElseThrow();
            String joiner = firstRows.stream().map(r -> r.get("customer_id"))
                    .filter(c -> !c.equals(leaving.get("customer_id"))).findFirst().orElseThrow();
            String oddId = "W|\\1";
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Replayer.producerSettings(kafka.bootstrapServers()))) {
                producer.send(new ProducerRecord<>(Names.INTERACTIONS, leaving.get("interaction_id"), null)).get();
                producer.send(new ProducerRecord<>(Names.INTERACTIONS, oddId, ("{\"interaction_id\":\"W|\\\\1\","
                        + "\"type\":\"call\",\"occurred_at\":\"2025-01-02\",\"channel\":\"radio\",\"customer_id\":\""
                        + joiner + "\"}").getBytes(StandardCharsets.UTF_8))).get();
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> table(postgres, "attribution_credits",
                    List.of("interaction_id")).stream().anyMatch(r -> r.get("interaction_id").equals(oddId)));
            Exporter.awaitQuiet(kafka.bootstrapServers(), APP, Duration.ofSeconds(3), Duration.ofMinutes(3), null);
            Path second = export(tmp.resolve("second"));
            awaitTablesEqual(postgres, connect, second);
            List<Map<String, String>> credits = table(postgres, "attribution_credits",
                    List.of("credit_key", "customer_id", "conversion_type", "model", "interaction_id"));
            assertThat(credits).noneMatch(r -> r.get("interaction_id").equals(leaving.get("interaction_id"))
                    && answerKey(r).equals(answerKey(leaving)));
            assertThat(credits).filteredOn(r -> answerKey(r).equals(answerKey(leaving))).isNotEmpty();
            assertThat(credits).filteredOn(r -> r.get("interaction_id").equals(oddId)).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("credit_key")).isEqualTo(answerKey(r) + "|W\\|\\\\1"));

            // an erasure tombstones every answer of one customer: its rows leave the table, the totals move; and a
            // transaction aborted on attribution-credits (a row and a tombstone of a real one) reaches no table
            String erased = joiner;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Replayer.producerSettings(kafka.bootstrapServers()))) {
                producer.send(new ProducerRecord<>(Names.ERASURES, "erase-1",
                        ("{\"customer_id\":\"" + erased + "\"}").getBytes(StandardCharsets.UTF_8))).get();
            }
            abortARowAndATombstone(credits.stream().filter(r -> !r.get("customer_id").equals(erased)).findFirst()
                    .orElseThrow().get("credit_key"));
            await().atMost(Duration.ofMinutes(2)).until(() -> Exporter.read(kafka.bootstrapServers()).updates()
                    .keySet().stream().noneMatch(k -> k.startsWith(erased + "|")));
            Exporter.awaitQuiet(kafka.bootstrapServers(), APP, Duration.ofSeconds(3), Duration.ofMinutes(3), null);
            Path third = export(tmp.resolve("third"));
            assertThat(rows(third, OutputFiles.ATTRIBUTION_FILE)).noneMatch(r -> r.get("customer_id").equals(erased))
                    .hasSizeLessThan(rows(second, OutputFiles.ATTRIBUTION_FILE).size());
            awaitTablesEqual(postgres, connect, third);
            assertThat(table(postgres, "attribution_credits", List.of("customer_id")))
                    .noneMatch(r -> r.get("customer_id").equals(erased));

            // an independent client (kcat, read_committed) folds the credit rows to the table's, schema-valid
            Kcat.Fold fold = Kcat.readCommitted(kafka.bootstrapServers(), Names.ATTRIBUTION_CREDITS);
            assertThat(fold.problems()).isEmpty();
            assertThat(fold.records()).isGreaterThan(fold.latest().size());
            assertThat(table(postgres, "attribution_credits", List.of("credit_key", "version")))
                    .extracting(r -> r.get("credit_key") + " v" + r.get("version"))
                    .containsExactlyInAnyOrderElementsOf(fold.latest().entrySet().stream()
                            .map(e -> e.getKey() + " v" + e.getValue().get("version").asLong()).toList());
        }
    }

    /**
     * Writes, in a transaction it then aborts, a row no answer has and a tombstone for {@code liveKey}: a sink
     * that reads {@code read_committed} applies neither.
     */
    private void abortARowAndATombstone(String liveKey) throws Exception {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "warehouse-aborted");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Names.ATTRIBUTION_CREDITS, "ABORTED|FIRST_PAID|daily_split|X",
                    "{\"customer_id\":\"ABORTED\",\"conversion_type\":\"FIRST_PAID\",\"model\":\"daily_split\","
                            + "\"version\":1,\"settings\":\"0000000000000000\",\"interaction_id\":\"X\",\"type\":\"call\","
                            + "\"channel\":\"aborted\",\"occurred_at\":\"2025-01-01T00:00:00Z\",\"credit\":1,"
                            + "\"revenue\":\"0.00\"}")).get();
            producer.send(new ProducerRecord<>(Names.ATTRIBUTION_CREDITS, liveKey, null)).get();
            producer.flush();
            producer.abortTransaction();
        }
    }

    private Path export(Path dir) throws Exception {
        Files.createDirectories(dir);
        Exporter.read(kafka.bootstrapServers()).write(dir);
        return dir;
    }

    private static List<String> connectorNames() throws Exception {
        try (Stream<Path> files = Files.list(CONNECT)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        }
    }

    private static void awaitTablesEqual(LocalPostgres postgres, ConnectWorker connect, Path exported)
            throws Exception {
        for (Map.Entry<String, String> file : TABLES.entrySet()) {
            List<Map<String, String>> expected = rows(exported, file.getKey());
            List<String> columns = header(exported, file.getKey());
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String name : connectorNames()) {
                    assertThat(connect.running(name)).as(name).isTrue();
                }
                assertThat(sorted(table(postgres, file.getValue(), columns)))
                        .as(file.getValue() + " against " + file.getKey())
                        .containsExactlyElementsOf(sorted(expected));
            });
        }
    }

    /**
     * The documented query, for FIRST_PAID under daily_split as it is written: per month and channel the ROAS of
     * the months file's row; per month, over all channels, the summed revenue over the summed spend.
     */
    private static void assertRoasByMonthQueryGivesTheMonthsFile(LocalPostgres postgres, Path exported)
            throws Exception {
        String doc = Files.readString(Path.of("README.md"));
        int start = doc.indexOf("```sql\n-- ROAS by month");
        assertThat(start).as("the ROAS-by-month query in the README").isNotNegative();
        String query = doc.substring(doc.indexOf('\n', start) + 1, doc.indexOf("```", start + 6)).strip();
        Map<String, String> expected = new HashMap<>();
        Map<String, BigDecimal[]> months = new HashMap<>();
        for (Map<String, String> row : rows(exported, OutputFiles.MONTHS_FILE)) {
            if (row.get("conversion_type").equals("FIRST_PAID") && row.get("model").equals("daily_split")) {
                expected.put(row.get("month") + "|" + row.get("channel"), row.get("roas"));
                BigDecimal[] sums = months.computeIfAbsent(row.get("month"),
                        m -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                sums[0] = sums[0].add(new BigDecimal(row.get("revenue")));
                sums[1] = sums[1].add(new BigDecimal(row.get("spend")));
            }
        }
        months.forEach((month, sums) -> expected.put(month + "|(all channels)", sums[1].signum() > 0
                ? sums[0].divide(sums[1], 4, java.math.RoundingMode.HALF_UP).toPlainString() : ""));
        Map<String, String> actual = new HashMap<>();
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query.replace(";", ""))) {
            while (rs.next()) {
                BigDecimal roas = rs.getBigDecimal("roas");
                actual.put(rs.getString("month") + "|" + rs.getString("channel"),
                        roas == null ? "" : roas.toPlainString());
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    /** The table's rows, each cell written as the export writes it. */
    private static List<Map<String, String>> table(LocalPostgres postgres, String table, List<String> columns)
            throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.put(columns.get(i - 1), cell(rs, i, meta.getColumnType(i), columns.get(i - 1)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String cell(ResultSet rs, int i, int sqlType, String column) throws Exception {
        if (rs.getObject(i) == null) {
            return "";
        }
        return switch (sqlType) {
            case Types.NUMERIC -> column.equals("credit") ? Formats.credit(rs.getBigDecimal(i))
                    : rs.getBigDecimal(i).toPlainString();
            case Types.DOUBLE -> Formats.credit(BigDecimal.valueOf(rs.getDouble(i)));
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                    Formats.time(rs.getObject(i, OffsetDateTime.class).toInstant());
            default -> rs.getString(i);
        };
    }

    private static List<String> header(Path dir, String file) throws Exception {
        return List.of(Files.readAllLines(dir.resolve(file)).get(0).split(","));
    }

    /** The file's rows by column; no cell of these examples holds a comma or a quote. */
    private static List<Map<String, String>> rows(Path dir, String file) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        List<String> header = List.of(lines.get(0).split(","));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line).doesNotContain("\"");
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSameSizeAs(header.toArray());
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(header.get(i), cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String answerKey(Map<String, String> row) {
        return row.get("customer_id") + "|" + row.get("conversion_type") + "|" + row.get("model");
    }

    private static List<String> sorted(List<Map<String, String>> rows) {
        return rows.stream().map(r -> String.join(",", r.values())).sorted().toList();
    }
}

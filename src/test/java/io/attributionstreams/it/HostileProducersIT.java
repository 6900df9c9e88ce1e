package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.batch.CsvRows;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.bench.AppProcess;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.OutputFiles;
import io.attributionstreams.export.ExportFiles;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.export.VersionChain;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.Kcat;
import io.attributionstreams.testsupport.Cli;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.outputs.AnswerParts;
import io.attributionstreams.topology.outputs.DeadLetters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/contract.md §9 on a real broker, as a hostile producer would test it: the app runs as its own
 * process and gets a generated data set mixed with hostile records of every kind (bad JSON, JSON nested
 * 100,000 deep, 900 KB values, control characters in every field, over-long fields, empty, missing and
 * mismatched keys, wrong types, amounts out of range, sums past 2^63 cents, time_decay underflow, years
 * 1899 and 3000, a customer with 100,000 touchpoints). Afterwards the app is alive and ready, the export
 * equals batch on the same files, every rejected record is in the dead-letter topic exactly once with its
 * reason, and no record on any topic exceeds its topic's limit. An independent client (Debian's kcat, with
 * read_committed) reads attribution-updates too: every record matches the schema and its answers,
 * reassembled as docs/consuming.md says, equal the export.
 */
class HostileProducersIT extends RealBrokerTest {
    private static final String APP = "hostile";
    private static final String MODELS = "daily_split,time_decay,position_based";
    private static final int BIG_TOUCHPOINTS = 100_000;
    private static final int RICH_PAYMENTS = 10_000;
    /** Credits as decimals, as docs/consuming.md tells clients to read them: a double would lose digits. */
    private static final String VALID = "{\"interaction_id\":\"HJ1\",\"type\":\"call\",\"occurred_at\":\"2025-01-01\","
            + "\"channel\":\"tv\",\"customer_id\":\"H_OLD\"}";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A record only a topic can carry (no CSV form), and the reason its dead letter must give (null: none). */
    private record Raw(String topic, String key, byte[] value, String reason) {
    }

    @Test
    void nothingAProducerSendsStopsTheEngine(@TempDir Path tmp) throws Exception {
        Path input = Files.createDirectories(tmp.resolve("input"));
        new DataGenerator(new GeneratorSpec(500, 5_000, 99, 0.1, ZoneOffset.UTC)).writeTo(input);
        appendHostileRows(input);
        Path batch = tmp.resolve("batch");
        Cli.Run batchRun = Cli.run("batch", "--input", input.toString(), "--output", batch.toString(), "--models",
                MODELS, "--quiet");
        assertThat(batchRun.exitCode()).as("batch on the same files: " + batchRun.err()).isZero();
        String rejects = Files.readString(batch.resolve(OutputFiles.REJECTS_FILE), StandardCharsets.UTF_8);
        assertThat(rejects.lines().count()).isGreaterThan(20);

        List<Raw> raw = rawRecords();
        String bootstrap = kafka.bootstrapServers();
        try (AppProcess app = AppProcess.start(bootstrap, APP, tmp.resolve("state"), tmp.resolve("app.log"),
                "--set", "attribution.models=" + MODELS,
                // the 100,000-touchpoint customer's last recompute waits 10 s, not the 60 s cap
                "--set", "attribution.recompute.per-touchpoint=PT0.0001S")) {
            app.awaitReady(Duration.ofMinutes(2));
            Replayer.send(bootstrap, ReplayPlan.shuffled(ReplayPlan.inFileOrder(input), 7), 0, null);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerSettings(bootstrap))) {
                for (Raw r : raw) {
                    producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value())).get();
                }
                // no key at all: the input topics are compacted, and the broker itself refuses such a record
                for (byte[] value : new byte[][] {utf8(VALID), null}) {
                    assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Names.PAYMENTS, null, value)).get())
                            .hasCauseInstanceOf(InvalidRecordException.class);
                }
            }
            awaitQuietWhileAlive(app, bootstrap, Duration.ofMinutes(12));

            assertThat(app.alive()).as("the app process").isTrue();
            assertThat(status(app, "/health/live")).isEqualTo(200);
            assertThat(status(app, "/health/ready")).isEqualTo(200);
        }

        Exporter.Snapshot snapshot = Exporter.read(bootstrap);
        Path stream = Files.createDirectories(tmp.resolve("stream"));
        snapshot.write(stream);
        assertThat(ExportFiles.differences(batch, stream)).isEmpty();
        assertThat(stream.resolve("paths.csv")).hasSameBinaryContentAs(batch.resolve("paths.csv"));
        assertThat(snapshot.updates().get("H_BIG|FIRST_CONTACT|time_decay").touchpoints()).hasSize(BIG_TOUCHPOINTS);
        assertThat(snapshot.updates().get("H_RICH|FIRST_PAID|daily_split").revenue())
                .isEqualTo("99999999999990000.00");
        assertThat(VersionChain.check(bootstrap)).isEmpty();

        assertThat(deadLetters(bootstrap)).containsExactlyInAnyOrderElementsOf(expectedDeadLetters(rejects, raw));
        assertThat(recordsOverTheirTopicsLimit(bootstrap)).isEmpty();
        assertKcatReadsTheSameAnswers(bootstrap, snapshot.updates());
        assertKcatReadsTheSameTotals(bootstrap, Names.CHANNEL_TOTALS, snapshot.totals());
        assertKcatReadsTheSameTotals(bootstrap, Names.CAMPAIGN_TOTALS, snapshot.campaigns());
        assertKcatReadsTheSameTotals(bootstrap, Names.MONTH_TOTALS, snapshot.months());
        assertKcatReadsTheSameTotals(bootstrap, Names.PATH_TOTALS, snapshot.paths());
    }

    // ---- the hostile input ----

    /** Hostile rows in the CSV files, so that batch and the replay see the same facts. */
    private static void appendHostileRows(Path input) throws IOException {
        String ctrl = "\u0001";
        String c257 = "c".repeat(257);
        List<Map<String, String>> customers = List.of(
                Map.of("customer_id", "H_BIG", "email1", "big@hostile.example"),
                Map.of("customer_id", "H_RICH", "email1", "rich@hostile.example"),
                Map.of("customer_id", "H_OLD"),
                Map.of("customer_id", "H_LONGID", "phone1", "+1 (305) 555-0143" + "-".repeat(60),
                        "email1", "x".repeat(250) + "@h.example"),
                Map.of("customer_id", "HC" + ctrl + "ID"),
                Map.of("customer_id", "H" + "L".repeat(256)),
                Map.of("customer_id", "H_NUL_PHONE", "phone1", "305-555-0142\u0000"),
                Map.of("customer_id", "H_C1_EMAIL", "email1", "a\u0085b@hostile.example"));
        List<Map<String, String>> interactions = new ArrayList<>();
        String[] channels = {"web", "tv", "radio", "search", "Пошук", "🔥promo"};
        for (int i = 0; i < BIG_TOUCHPOINTS; i++) {
            interactions.add(Map.of("interaction_id", String.format("HB%06d", i), "type", "call",
                    "occurred_at", String.format("2025-%02d-%02dT%02d:%02d:00Z", 1 + i % 12, 1 + i % 28, i % 24,
                            i / 24 % 60),
                    "channel", channels[i % channels.length], "customer_id", "H_BIG"));
        }
        interactions.addAll(List.of(
                Map.of("interaction_id", "H_RICH_1", "type", "form", "occurred_at", "2025-01-02", "channel", "tv",
                        "email", "RICH@hostile.example"),
                Map.of("interaction_id", "H_OLD_1", "type", "call", "occurred_at", "1901-01-01", "channel", "print",
                        "customer_id", "H_OLD"),
                Map.of("interaction_id", "H_OLD_2", "type", "call", "occurred_at", "1901-01-04", "channel", "radio",
                        "customer_id", "H_OLD"),
                Map.of("interaction_id", "HI" + ctrl, "type", "call", "occurred_at", "2025-01-01", "channel", "tv",
                        "customer_id", "H_OLD"),
                Map.of("interaction_id", "H_CTRL_CH", "type", "call", "occurred_at", "2025-01-01", "channel",
                        "t\u007Fv", "customer_id", "H_OLD"),
                Map.of("interaction_id", "H_CTRL_CAMP", "type", "call", "occurred_at", "2025-01-01", "channel", "tv",
                        "campaign", "spring\u0000", "customer_id", "H_OLD"),
                Map.of("interaction_id", "H_CTRL_PHONE", "type", "call", "occurred_at", "2025-01-01", "channel", "tv",
                        "phone", "305\u001B555-0142"),
                Map.of("interaction_id", "H_CTRL_EMAIL", "type", "email", "occurred_at", "2025-01-01", "channel",
                        "tv", "email", "old\u0000@hostile.example"),
                Map.of("interaction_id", "H_CTRL_CUST", "type", "call", "occurred_at", "2025-01-01", "channel", "tv",
                        "customer_id", "H_OLD\u009F"),
                Map.of("interaction_id", "H" + "I".repeat(256), "type", "call", "occurred_at", "2025-01-01",
                        "channel", "tv", "customer_id", "H_OLD"),
                Map.of("interaction_id", "H_LONG_CH", "type", "call", "occurred_at", "2025-01-01", "channel", c257,
                        "customer_id", "H_OLD"),
                Map.of("interaction_id", "H_LONG_CAMP", "type", "call", "occurred_at", "2025-01-01", "channel", "tv",
                        "campaign", c257, "customer_id", "H_OLD"),
                Map.of("interaction_id", "H_LONG_CUST", "type", "call", "occurred_at", "2025-01-01", "channel", "tv",
                        "customer_id", c257),
                Map.of("interaction_id", "H_1899", "type", "call", "occurred_at", "1899-12-31T23:59:59Z",
                        "channel", "tv", "customer_id", "H_OLD"),
                Map.of("interaction_id", "H_3000", "type", "call", "occurred_at", "3000-01-01", "channel", "tv",
                        "customer_id", "H_OLD"),
                Map.of("interaction_id", "H_TYPE", "type", "fax" + ctrl, "occurred_at", "2025-01-01", "channel",
                        "tv", "customer_id", "H_OLD")));
        List<Map<String, String>> payments = new ArrayList<>();
        for (int i = 0; i < RICH_PAYMENTS; i++) {
            payments.add(Map.of("payment_id", String.format("HR%05d", i), "customer_id", "H_RICH",
                    "paid_at", "2025-02-01", "amount", "9999999999999.00", "currency", "USD"));
        }
        payments.addAll(List.of(
                Map.of("payment_id", "H_OLD_PAY", "customer_id", "H_OLD", "paid_at", "2990-01-01", "amount", "10.00",
                        "currency", "USD"),
                Map.of("payment_id", "H_TOO_MUCH", "customer_id", "H_OLD", "paid_at", "2025-01-01",
                        "amount", "10000000000000.01", "currency", "USD"),
                Map.of("payment_id", "H_TOO_LITTLE", "customer_id", "H_OLD", "paid_at", "2025-01-01",
                        "amount", "-10000000000000.01", "currency", "USD"),
                Map.of("payment_id", "H_DIGITS", "customer_id", "H_OLD", "paid_at", "2025-01-01",
                        "amount", "9".repeat(5_000), "currency", "USD"),
                Map.of("payment_id", "HP" + ctrl, "customer_id", "H_OLD", "paid_at", "2025-01-01", "amount", "1.00",
                        "currency", "USD"),
                Map.of("payment_id", "H_CUR", "customer_id", "H_OLD", "paid_at", "2025-01-01", "amount", "1.00",
                        "currency", "U\u0000SD")));
        List<Map<String, String>> appointments = List.of(
                Map.of("appointment_id", "H_OLD_APPT", "customer_id", "H_OLD", "booked_at", "2989-12-01"),
                Map.of("appointment_id", "HA" + ctrl, "customer_id", "H_OLD", "booked_at", "2025-01-01"),
                Map.of("appointment_id", "H_APPT_3000", "customer_id", "H_OLD", "booked_at", "3000-01-01T00:00:00Z"));
        append(input, FactFile.CUSTOMERS, customers);
        append(input, FactFile.INTERACTIONS, interactions);
        append(input, FactFile.PAYMENTS, payments);
        append(input, FactFile.APPOINTMENTS, appointments);
    }

    private static void append(Path input, FactFile file, List<Map<String, String>> rows) throws IOException {
        Path path = input.resolve(file.fileName());
        String headerLine;
        try (var lines = Files.lines(path, StandardCharsets.UTF_8)) {
            headerLine = lines.findFirst().orElseThrow();
        }
        String[] header = headerLine.replace("\uFEFF", "").strip().split(",");
        List<String[]> cells = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String[] line = new String[header.length];
            for (int i = 0; i < header.length; i++) {
                line[i] = row.getOrDefault(header[i], "");
            }
            cells.add(line);
        }
        String existing = Files.readString(path, StandardCharsets.UTF_8);
        String separator = existing.endsWith("\n") ? "" : "\r\n";
        Files.writeString(path, separator + CsvRows.render(cells), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Records with no CSV form: what only a producer writing to the topics directly can send. */
    private static List<Raw> rawRecords() {
        String valid = VALID;
        List<Raw> raw = new ArrayList<>();
        raw.add(new Raw(Names.INTERACTIONS, "HJ0", utf8("{not json"), "unreadable record"));
        raw.add(new Raw(Names.INTERACTIONS, "HJ0", utf8("null"), "unreadable record"));
        raw.add(new Raw(Names.INTERACTIONS, "HJ0", utf8("[".repeat(100_000) + "]".repeat(100_000)), "unreadable record"));
        raw.add(new Raw(Names.CUSTOMERS, "HJ0", utf8("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)),
                "unreadable record"));
        raw.add(new Raw(Names.PAYMENTS, "HJ0", bytes(900 * 1024, (byte) 'x'), "unreadable record"));
        raw.add(new Raw(Names.INTERACTIONS, "HJ2", utf8("{\"interaction_id\":\"HJ2\",\"type\":\"call\",\"occurred_at\":"
                + "\"2025-01-01\",\"channel\":\"" + "w".repeat(900 * 1024) + "\",\"customer_id\":\"H_OLD\"}"),
                "channel longer than 256 characters"));
        raw.add(new Raw(Names.INTERACTIONS, "", utf8(valid), "key does not match interaction_id"));
        raw.add(new Raw(Names.INTERACTIONS, "HJ1-other", utf8(valid), "key does not match interaction_id"));
        raw.add(new Raw(Names.INTERACTIONS, "K".repeat(100_000), utf8(valid), "key does not match interaction_id"));
        raw.add(new Raw(Names.APPOINTMENTS, "H_NO_SUCH_APPOINTMENT", null, null)); // deletes nothing, rejects nothing
        raw.add(new Raw(Names.PAYMENTS, "HJ3", utf8("{\"payment_id\":\"HJ3\",\"customer_id\":\"H_OLD\",\"paid_at\":"
                + "\"2025-01-01\",\"amount\":{\"value\":1},\"currency\":\"USD\"}"), "unreadable record"));
        raw.add(new Raw(Names.CUSTOMERS, "HJ4", utf8("{\"customer_id\":\"HJ4\",\"phones\":\"2015550123\"}"),
                "unreadable record"));
        raw.add(new Raw(Names.CUSTOMERS, "HJ5", utf8("{\"customer_id\":\"HJ5\",\"phones\":[\"1\",\"2\",\"3\",\"4\",\"5\"]}"),
                "more than 4 phones"));
        raw.add(new Raw(Names.CUSTOMERS, "HJ6", utf8("{\"customer_id\":\"HJ6\",\"emails\":[\"a\\u0000@b.example\"]}"),
                "control character in email"));
        raw.add(new Raw(Names.INTERACTIONS, "HJ7", utf8("{\"interaction_id\":\"HJ7\",\"type\":5,\"occurred_at\":"
                + "\"2025-01-01\",\"channel\":\"tv\",\"customer_id\":\"H_OLD\"}"), "unknown type '5'"));
        raw.add(new Raw(Names.INTERACTIONS, "HJ8", utf8("{\"interaction_id\":\"HJ8\",\"type\":\"call\",\"occurred_at\":"
                + "\"2025-01-01\",\"channel\":[\"tv\"],\"customer_id\":\"H_OLD\"}"), "unreadable record"));
        raw.add(new Raw(Names.APPOINTMENTS, "HJ9", utf8("{\"appointment_id\":\"HJ9\",\"customer_id\":\"H_OLD\","
                + "\"booked_at\":\"" + "1".repeat(900 * 1024) + "\"}"), "unparseable time"));
        // spend (docs/contract.md §12): the same gate as every other fact
        raw.add(new Raw(Names.SPEND, "HS0", utf8("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)),
                "unreadable record"));
        raw.add(new Raw(Names.SPEND, "HS1", utf8("{\"spend_id\":\"HS1\",\"channel\":\"" + "w".repeat(900 * 1024)
                + "\",\"spent_on\":\"2025-01-01\",\"amount\":\"10.00\",\"currency\":\"USD\"}"),
                "channel longer than 256 characters"));
        raw.add(new Raw(Names.SPEND, "HS2-other", utf8("{\"spend_id\":\"HS2\",\"channel\":\"tv\",\"spent_on\":"
                + "\"2025-01-01\",\"amount\":\"10.00\",\"currency\":\"USD\"}"), "key does not match spend_id"));
        raw.add(new Raw(Names.SPEND, "HS3", utf8("{\"spend_id\":\"HS3\",\"channel\":\"tv\",\"spent_on\":"
                + "\"someday\",\"amount\":\"10.00\",\"currency\":\"USD\"}"), "unparseable time 'someday'"));
        return raw;
    }

    private static Properties producerSettings(String bootstrap) {
        Properties p = Replayer.producerSettings(bootstrap);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
        return p;
    }

    /** Exporter.awaitQuiet, in short rounds, so that an app that stopped fails the test at once. */
    private static void awaitQuietWhileAlive(AppProcess app, String bootstrap, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            assertThat(app.alive()).as("the app process, while the input is processed").isTrue();
            try {
                Exporter.awaitQuiet(bootstrap, APP, Duration.ofSeconds(3), Duration.ofSeconds(20), null);
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    // ---- what must hold afterwards ----

    /** Every dead letter as (source topic, key, reason), a JSON error's reason cut to its kind. */
    private static List<String> deadLetters(String bootstrap) {
        return TopicReader.readAll(bootstrap, Names.DLQ).stream()
                .map(r -> letter(header(r, DeadLetters.TOPIC_HEADER),
                        r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                        header(r, DeadLetters.REASON_HEADER)))
                .toList();
    }

    /** Batch's rejects, where the replay sent them, and the raw records' reasons. */
    private static List<String> expectedDeadLetters(String rejectsCsv, List<Raw> raw) throws IOException {
        List<String> expected = new ArrayList<>();
        Map<String, String> topicOfFile = Map.of(FactFile.CUSTOMERS.fileName(), Names.CUSTOMERS,
                FactFile.INTERACTIONS.fileName(), Names.INTERACTIONS, FactFile.APPOINTMENTS.fileName(),
                Names.APPOINTMENTS, FactFile.PAYMENTS.fileName(), Names.PAYMENTS, FactFile.SPEND.fileName(), Names.SPEND);
        var csv = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
        try (var it = csv.readerForListOf(String.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
                .<List<String>>readValues(rejectsCsv)) {
            it.next(); // header
            while (it.hasNext()) {
                List<String> row = it.next(); // file, line, id, reason
                expected.add(letter(topicOfFile.get(row.get(0)), row.get(2), row.get(3)));
            }
        }
        raw.stream().filter(r -> r.reason() != null).forEach(r -> expected.add(letter(r.topic(), r.key(), r.reason())));
        return expected;
    }

    private static String letter(String topic, String key, String reason) {
        String kind = reason.startsWith("unreadable record") ? "unreadable record"
                : reason.startsWith("unparseable time") ? "unparseable time" : reason;
        return topic + " | " + (key == null ? "(no key)" : key.length() > 300 ? key.length() + " characters" : key)
                + " | " + kind;
    }

    /** Records of any topic, internal ones included, bigger than their topic's max.message.bytes. */
    private static List<String> recordsOverTheirTopicsLimit(String bootstrap) throws Exception {
        List<String> over = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> !t.startsWith("__")).sorted().toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
            assertThat(topics).contains(Names.ATTRIBUTION_UPDATES, Names.DLQ, APP + "-customer-answers-changelog",
                    APP + "-by-customer-repartition");
            for (String topic : topics) {
                int limit = Integer.parseInt(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                        .get("max.message.bytes").value());
                // the engine's own answers stay far below the limit: at most AnswerParts.MAX_RECORD_BYTES of JSON
                int own = topic.equals(Names.ATTRIBUTION_UPDATES) ? AnswerParts.MAX_RECORD_BYTES + 4096 : limit;
                TopicReader.forEach(bootstrap, topic, r -> {
                    int size = size(r);
                    if (size > Math.min(limit, own)) {
                        over.add(topic + "-" + r.partition() + "@" + r.offset() + ": " + size + " bytes, limit " + limit);
                    }
                });
            }
        }
        return over;
    }

    private static int size(ConsumerRecord<byte[], byte[]> r) {
        int size = Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
        for (Header h : r.headers()) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    /**
     * Debian's kcat, read_committed, on a totals topic: each record matches the topic's schema, and the latest
     * record per key is, field for field, what export read.
     */
    private static void assertKcatReadsTheSameTotals(String bootstrap, String topic, Map<String, ?> exported)
            throws Exception {
        Kcat.Fold fold = Kcat.readCommitted(bootstrap, topic);
        Map<String, JsonNode> latest = fold.latest();
        assertThat(fold.problems()).isEmpty();
        assertThat(latest).as(topic).isNotEmpty();
        Map<String, JsonNode> fromExport = new TreeMap<>();
        for (Map.Entry<String, ?> e : exported.entrySet()) {
            fromExport.put(e.getKey(), JSON.readTree(
                    io.attributionstreams.topology.serde.Json.MAPPER.writeValueAsBytes(e.getValue())));
        }
        assertThat(latest).as(topic + " through kcat against export").isEqualTo(fromExport);
    }

    /**
     * Debian's kcat, read_committed (librdkafka's default, set anyway): each record matches the schema, and
     * the latest answers, parts put back together as docs/consuming.md says, equal what export read.
     */
    private static void assertKcatReadsTheSameAnswers(String bootstrap, Map<String, AttributionUpdate> exported)
            throws Exception {
        Kcat.Fold fold = Kcat.readCommitted(bootstrap, Names.ATTRIBUTION_UPDATES);
        Map<String, JsonNode> latest = fold.latest();
        long records = fold.records();
        assertThat(fold.problems()).isEmpty();
        assertThat(records).isGreaterThan(exported.size());

        // the recipe of docs/consuming.md: answer keys only; an answer with "parts" takes the touchpoints of parts 1..P
        Map<String, List<String>> answers = new TreeMap<>();
        latest.forEach((key, value) -> {
            if (key.matches(".*\\|[0-9]+")) {
                return;
            }
            List<JsonNode> touchpoints = new ArrayList<>();
            if (value.has("parts")) {
                for (int n = 1; n <= value.get("parts").asInt(); n++) {
                    JsonNode part = latest.get(key + "|" + n);
                    assertThat(part.get("version").asLong()).as(key + " part " + n).isEqualTo(value.get("version").asLong());
                    part.get("touchpoints").forEach(touchpoints::add);
                }
            } else {
                value.get("touchpoints").forEach(touchpoints::add);
            }
            answers.put(key, touchpoints.stream().map(t -> t.get("interaction_id").asText() + "=" + t.get("credit"))
                    .toList());
        });
        Map<String, List<String>> expected = new TreeMap<>();
        exported.forEach((key, update) -> expected.put(key, update.touchpoints().stream()
                .map(t -> t.interactionId() + "=" + t.credit().toPlainString()).toList()));
        assertThat(answers.keySet()).isEqualTo(expected.keySet());
        List<String> differing = expected.keySet().stream().filter(k -> !numbersEqual(answers.get(k), expected.get(k)))
                .limit(5).collect(Collectors.toList());
        assertThat(differing).isEmpty();
    }

    /** Credits compared as decimals (Jackson's tree may print a number in another notation). */
    private static boolean numbersEqual(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            String[] x = a.get(i).split("=", 2);
            String[] y = b.get(i).split("=", 2);
            if (!x[0].equals(y[0]) || new java.math.BigDecimal(x[1]).compareTo(new java.math.BigDecimal(y[1])) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int status(AppProcess app, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort()
                + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int n, byte b) {
        byte[] bytes = new byte[n];
        java.util.Arrays.fill(bytes, b);
        return bytes;
    }
}

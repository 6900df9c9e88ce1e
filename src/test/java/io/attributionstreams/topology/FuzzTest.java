package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input at volume: 10,000 random malformed records (bad JSON, wrong types, huge strings,
 * unicode, negative and enormous amounts, impossible times, missing ids) mixed with a generated data
 * set. The app never stops, every malformed record is in the dead-letter topic, and the answer equals
 * the batch engine on the good facts.
 */
class FuzzTest {
    private static final String[] TOPICS = {Names.CUSTOMERS, Names.INTERACTIONS, Names.APPOINTMENTS, Names.PAYMENTS};

    @Test
    void tenThousandMalformedRecordsAllLandInTheDeadLetterTopic(@TempDir Path tmp) throws Exception {
        Path input = Files.createDirectories(tmp.resolve("input"));
        new DataGenerator(new GeneratorSpec(200, 2_000, 5, 0.05, ZoneOffset.UTC)).writeTo(input);
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        BatchRun.Summary summary = BatchRun.run(input, batch, AttributionSettings.defaults(), null);
        List<FactRecord> good = FactRecord.read(input);
        Random random = new Random(20251125);

        Path stream = Files.createDirectories(tmp.resolve("stream"));
        try (TopologyHarness harness = new TopologyHarness(AttributionSettings.defaults())) {
            int next = 0;
            for (int i = 0; i < 10_000; i++) {
                String topic = TOPICS[random.nextInt(TOPICS.length)];
                harness.pipeBytes(topic, "FUZZ" + i, malformed(topic, random).getBytes(StandardCharsets.UTF_8));
                if (next < good.size() && random.nextInt(10) < 3) {
                    harness.pipe(good.get(next++));
                }
            }
            harness.pipe(good.subList(next, good.size()));
            harness.exportTo(stream);

            assertThat(harness.deadLetters()).hasSize(10_000 + (int) summary.rejected());
            assertThat(harness.versionViolations()).isEmpty();
        }
        assertThat(stream.resolve("attribution.csv")).hasSameTextualContentAs(batch.resolve("attribution.csv"));
        assertThat(stream.resolve("channels.csv")).hasSameTextualContentAs(batch.resolve("channels.csv"));
    }

    /** A record for {@code topic} that no reading of the contract accepts. */
    static String malformed(String topic, Random random) {
        String id = "\"" + idField(topic) + "\":\"FZ" + random.nextInt(1_000_000) + "\"";
        return switch (random.nextInt(12)) {
            case 0 -> "{" + id + ",";                                       // truncated JSON
            case 1 -> "[" + random.nextInt() + "]";                          // not an object
            case 2 -> "\"just a string\"";
            case 3 -> "{" + id + ",\"" + firstTimeField(topic) + "\":{\"nested\":true}}"; // wrong type
            case 4 -> "{\"" + idField(topic) + "\":\"" + "x".repeat(100_000) + "\"}";       // huge, and incomplete
            case 5 -> "{" + id + ",\"phones\":[\"\u260e\u260e\u260e\"],\"type\":\"\u0430\u0431\u0432\","
                    + "\"" + firstTimeField(topic) + "\":\"\u2603\"}";       // unicode where times go
            case 6 -> topic.equals(Names.PAYMENTS)
                    ? "{" + id + ",\"customer_id\":\"C1\",\"paid_at\":\"2025-01-01\",\"amount\":\"1e400\",\"currency\":\"USD\"}"
                    : "{" + id + ",\"" + firstTimeField(topic) + "\":\"0000-00-00\"}";
            case 7 -> topic.equals(Names.PAYMENTS)
                    ? "{" + id + ",\"customer_id\":\"C1\",\"paid_at\":\"2025-01-01\",\"amount\":\"-99999999999999999999.99\",\"currency\":\"USD\"}"
                    : "{" + id + ",\"" + firstTimeField(topic) + "\":\"99999-12-31T00:00:00Z\"}";
            case 8 -> "{" + id + ",\"" + firstTimeField(topic) + "\":\"1969-13-31\"}";
            case 9 -> "{}";                                                  // no id at all
            case 10 -> "\u0000\u0001\u0002";                                 // binary noise
            default -> "{" + id + ",\"" + firstTimeField(topic) + "\":" + random.nextLong() + "}"; // number, wrong length
        };
    }

    private static String idField(String topic) {
        return switch (topic) {
            case Names.CUSTOMERS -> "customer_id";
            case Names.INTERACTIONS -> "interaction_id";
            case Names.APPOINTMENTS -> "appointment_id";
            default -> "payment_id";
        };
    }

    /** A time field of the topic's fact (customers have none: a field they do not know, so still rejected). */
    private static String firstTimeField(String topic) {
        return switch (topic) {
            case Names.CUSTOMERS -> "phones";
            case Names.INTERACTIONS -> "occurred_at";
            case Names.APPOINTMENTS -> "booked_at";
            default -> "paid_at";
        };
    }
}

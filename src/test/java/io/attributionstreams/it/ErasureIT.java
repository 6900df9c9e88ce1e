package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.RunningApp;
import io.attributionstreams.topology.Names;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure on a real broker (docs/contract.md §11): the app creates its suppressions topic, an erasure
 * request sent after the facts takes the customer's answers away (tombstones, read with read_committed),
 * the other customer's stay, and the suppressions topic holds pseudonyms only. A restart reads the
 * suppressions back before anything else: the erased customer's facts sent again bring nothing back.
 */
class ErasureIT extends RealBrokerTest {
    private static final String APP = "erasure";

    private static ProducerRecord<String, byte[]> json(String topic, String key, String json) {
        return new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
    }

    private static final List<ProducerRecord<String, byte[]>> FACTS = List.of(
            json(Names.CUSTOMERS, "C1", "{\"customer_id\":\"C1\",\"phones\":[\"201-555-0101\"],\"emails\":[\"one@example.com\"]}"),
            json(Names.CUSTOMERS, "C2", "{\"customer_id\":\"C2\",\"phones\":[\"201-555-0202\"]}"),
            json(Names.INTERACTIONS, "I1", "{\"interaction_id\":\"I1\",\"type\":\"call\",\"occurred_at\":\"2025-01-05\",\"channel\":\"radio\",\"phone\":\"(201) 555-0101\"}"),
            json(Names.INTERACTIONS, "I2", "{\"interaction_id\":\"I2\",\"type\":\"form\",\"occurred_at\":\"2025-01-06\",\"channel\":\"web\",\"email\":\"ONE@example.com\"}"),
            json(Names.INTERACTIONS, "I4", "{\"interaction_id\":\"I4\",\"type\":\"call\",\"occurred_at\":\"2025-01-05\",\"channel\":\"radio\",\"phone\":\"201 555 0202\"}"),
            json(Names.PAYMENTS, "P1", "{\"payment_id\":\"P1\",\"customer_id\":\"C1\",\"paid_at\":\"2025-02-01\",\"amount\":\"100.00\",\"currency\":\"USD\"}"),
            json(Names.PAYMENTS, "P2", "{\"payment_id\":\"P2\",\"customer_id\":\"C2\",\"paid_at\":\"2025-02-01\",\"amount\":\"50.00\",\"currency\":\"USD\"}"));

    @Test
    void anErasureAfterTheFactsTombstonesTheCustomerAndARestartKeepsItErased(@TempDir Path tmp) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Replayer.producerSettings(kafka.bootstrapServers()))) {
            try (StreamingApp app = RunningApp.start(kafka.bootstrapServers(), APP, tmp.resolve("state"), Map.of())) {
                await().atMost(Duration.ofMinutes(1)).until(() -> RunningApp.running(app));
                for (ProducerRecord<String, byte[]> r : FACTS) {
                    producer.send(r).get();
                }
                await().atMost(Duration.ofMinutes(2)).until(() ->
                        Exporter.read(kafka.bootstrapServers()).updates().containsKey("C1|FIRST_PAID|daily_split"));
                producer.send(json(Names.ERASURES, "request-1", "{\"customer_id\":\"C1\",\"phones\":[\"2015550101\"],"
                        + "\"emails\":[\"one@example.com\"]}")).get();
                await().atMost(Duration.ofMinutes(2)).until(() -> Exporter.read(kafka.bootstrapServers()).updates()
                        .keySet().stream().noneMatch(k -> k.startsWith("C1|")));
                // channel deltas are sent on each second: quiet for longer than that
                Exporter.awaitQuiet(kafka.bootstrapServers(), APP, Duration.ofSeconds(3), Duration.ofMinutes(2), null);
            }
            Exporter.Snapshot snapshot = Exporter.read(kafka.bootstrapServers());
            assertThat(snapshot.updates().get("C2|FIRST_PAID|daily_split").revenue()).isEqualTo("50.00");
            assertThat(snapshot.totals().values()).noneMatch(t -> t.channel().equals("web"))
                    .filteredOn(t -> t.conversionType().equals("FIRST_PAID")).singleElement()
                    .satisfies(radio -> assertThat(radio.revenue()).isEqualTo("50.00"));

            List<ConsumerRecord<byte[], byte[]>> suppressions = TopicReader.readAll(kafka.bootstrapServers(),
                    Names.suppressionsTopic(APP));
            assertThat(suppressions).hasSize(3).allSatisfy(r -> {
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).matches("[A-Za-z0-9_-]{43}");
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).matches("\\{\"requested_at\":\\d+\\}");
            });

            // a restart, and C1's facts sent again: the gate stops them before anything is stored or sent
            try (StreamingApp app = RunningApp.start(kafka.bootstrapServers(), APP, tmp.resolve("state"), Map.of())) {
                await().atMost(Duration.ofMinutes(1)).until(() -> RunningApp.running(app));
                for (ProducerRecord<String, byte[]> r : FACTS.subList(0, 4)) {
                    producer.send(r).get();
                }
                producer.send(json(Names.PAYMENTS, "P3", "{\"payment_id\":\"P3\",\"customer_id\":\"C2\","
                        + "\"paid_at\":\"2025-03-01\",\"amount\":\"5.00\",\"currency\":\"USD\"}")).get();
                Exporter.awaitQuiet(kafka.bootstrapServers(), APP, Duration.ofSeconds(3), Duration.ofMinutes(2), null);
            }
            Exporter.Snapshot after = Exporter.read(kafka.bootstrapServers());
            assertThat(after.updates().keySet()).noneMatch(k -> k.startsWith("C1|"));
            assertThat(after.totals().values()).noneMatch(t -> t.channel().equals("web"));
            assertThat(TopicReader.readAll(kafka.bootstrapServers(), Names.DLQ)).isEmpty();
        }
    }
}

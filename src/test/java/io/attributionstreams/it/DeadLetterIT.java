package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.RunningApp;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.outputs.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter path on a real broker: malformed JSON, a missing id, an unknown type, a bad time
 * and a wrong currency each land in attribution-dlq with the reason and the source coordinates in
 * headers (read with read_committed: they are part of the app's transactions); nothing after them is lost.
 */
class DeadLetterIT extends RealBrokerTest {

    private static ProducerRecord<String, byte[]> json(String topic, String key, String json) {
        return new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void badRecordsLandInTheDeadLetterTopicAndTheRestIsProcessed(@TempDir Path tmp) throws Exception {
        List<ProducerRecord<String, byte[]>> records = List.of(
                json(Names.CUSTOMERS, "C1", "{\"customer_id\":\"C1\",\"phones\":[\"201-555-0123\"]}"),
                json(Names.INTERACTIONS, "I1", "{\"interaction_id\":\"I1\",\"type\":\"call\",\"occurred_at\""),
                json(Names.INTERACTIONS, "", "{\"type\":\"call\",\"occurred_at\":\"2025-01-01\",\"channel\":\"tv\",\"customer_id\":\"C1\"}"),
                json(Names.INTERACTIONS, "I3", "{\"interaction_id\":\"I3\",\"type\":\"telegram\",\"occurred_at\":\"2025-01-01\",\"channel\":\"tv\",\"customer_id\":\"C1\"}"),
                json(Names.INTERACTIONS, "I4", "{\"interaction_id\":\"I4\",\"type\":\"call\",\"occurred_at\":\"32/01/2025\",\"channel\":\"tv\",\"customer_id\":\"C1\"}"),
                json(Names.PAYMENTS, "P1", "{\"payment_id\":\"P1\",\"customer_id\":\"C1\",\"paid_at\":\"2025-02-01\",\"amount\":\"10.00\",\"currency\":\"GBP\"}"),
                json(Names.INTERACTIONS, "I5", "{\"interaction_id\":\"I5\",\"type\":\"call\",\"occurred_at\":\"2025-01-05\",\"channel\":\"radio\",\"phone\":\"(201) 555-0123\"}"),
                json(Names.PAYMENTS, "P2", "{\"payment_id\":\"P2\",\"customer_id\":\"C1\",\"paid_at\":\"2025-02-01\",\"amount\":25,\"currency\":\"USD\"}"));
        try (StreamingApp app = RunningApp.start(kafka.bootstrapServers(), "dlq", tmp.resolve("state"), Map.of());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                     Replayer.producerSettings(kafka.bootstrapServers()))) {
            await().atMost(Duration.ofMinutes(1)).until(() -> RunningApp.running(app));
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r).get();
            }
            Exporter.awaitQuiet(kafka.bootstrapServers(), "dlq", Duration.ofSeconds(2), Duration.ofMinutes(2), null);
        }

        List<ConsumerRecord<byte[], byte[]>> letters = TopicReader.readAll(kafka.bootstrapServers(), Names.DLQ);
        assertThat(letters).extracting(r -> header(r, DeadLetters.REASON_HEADER)).containsExactlyInAnyOrder(
                letters.stream().map(r -> header(r, DeadLetters.REASON_HEADER))
                        .filter(reason -> reason.startsWith("unreadable record")).findFirst().orElse("unreadable record"),
                "missing interaction_id", "unknown type 'telegram'", "unparseable time '32/01/2025'",
                "currency GBP is not USD");
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            assertThat(header(letter, DeadLetters.TOPIC_HEADER)).isIn(Names.INTERACTIONS, Names.PAYMENTS);
            assertThat(header(letter, DeadLetters.PARTITION_HEADER)).matches("\\d+");
            assertThat(header(letter, DeadLetters.OFFSET_HEADER)).matches("\\d+");
        }
        assertThat(letters).anySatisfy(letter -> assertThat(new String(letter.value(), StandardCharsets.UTF_8))
                .contains("telegram"));

        Exporter.Snapshot snapshot = Exporter.read(kafka.bootstrapServers());
        assertThat(snapshot.updates().get("C1|FIRST_PAID|daily_split").revenue()).isEqualTo("25.00");
        assertThat(snapshot.updates().get("C1|FIRST_PAID|daily_split").touchpoints())
                .extracting(t -> t.interactionId()).containsExactly("I5");
    }

    /**
     * Lost state is the one thing the engine will not skip: a record on an internal topic that cannot be read
     * stops it, rather than be dropped silently, while bad input never does.
     */
    @Test
    void anUnreadableRecordOnAnInternalTopicStopsTheEngine(@TempDir Path tmp) throws Exception {
        String internal = Names.repartitionTopic("dlq-internal", Names.BY_CUSTOMER);
        try (StreamingApp app = RunningApp.start(kafka.bootstrapServers(), "dlq-internal", tmp.resolve("state"),
                Map.of());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                     Replayer.producerSettings(kafka.bootstrapServers()))) {
            await().atMost(Duration.ofMinutes(1)).until(() -> RunningApp.running(app));
            producer.send(json(internal, "C1", "{\"kind\":\"LINK\",\"links\":\"not a list\"")).get();

            await().atMost(Duration.ofMinutes(1)).until(() -> !RunningApp.running(app));
            assertThat(app.awaitStop()).as("stopped because it failed").isTrue();
        }
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), Names.DLQ).stream()
                .filter(r -> internal.equals(header(r, DeadLetters.TOPIC_HEADER))))
                .as("an internal record is not dead-lettered and skipped").isEmpty();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

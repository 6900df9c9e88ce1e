package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import io.attributionstreams.topology.outputs.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input of every kind lands in {@code attribution-dlq} with its original bytes, the source
 * topic, partition and offset and the reason in headers, is counted, and the records after it are
 * still processed.
 */
class DeadLetterTest {

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', value = {
        "interactions|I9|{not json|unreadable record",
        "interactions|I9|[1,2,3]|unreadable record",
        "interactions|I9|null|unreadable record",
        "interactions|I9|{\"interaction_id\":\"I9\",\"type\":\"call\",\"occurred_at\":\"2025-01-01\",\"channel\":\"tv\"}|no usable identifier",
        "interactions|I9|{\"type\":\"call\",\"occurred_at\":\"2025-01-01\",\"channel\":\"tv\",\"customer_id\":\"C1\"}|missing interaction_id",
        "interactions|I9|{\"interaction_id\":\"I9\",\"type\":\"fax\",\"occurred_at\":\"2025-01-01\",\"channel\":\"tv\",\"customer_id\":\"C1\"}|unknown type 'fax'",
        "interactions|I9|{\"interaction_id\":\"I9\",\"type\":\"call\",\"occurred_at\":\"yesterday\",\"channel\":\"tv\",\"customer_id\":\"C1\"}|unparseable time 'yesterday'",
        "interactions|OTHER|{\"interaction_id\":\"I9\",\"type\":\"call\",\"occurred_at\":\"2025-01-01\",\"channel\":\"tv\",\"customer_id\":\"C1\"}|key does not match interaction_id",
        "payments|P9|{\"payment_id\":\"P9\",\"customer_id\":\"C1\",\"paid_at\":\"2025-01-01\",\"amount\":\"10.00\",\"currency\":\"EUR\"}|currency EUR is not USD",
        "payments|P9|{\"payment_id\":\"P9\",\"customer_id\":\"C1\",\"paid_at\":\"2025-01-01\",\"amount\":\"ten\",\"currency\":\"USD\"}|unparseable amount 'ten'",
        "payments|P9|{\"payment_id\":\"P9\",\"customer_id\":\"C1\",\"paid_at\":\"2025-01-01\",\"amount\":{\"value\":1},\"currency\":\"USD\"}|unreadable record",
        "customers|C9|{\"customer_id\":\"C9\",\"phones\":\"2015550123\"}|unreadable record",
        "customers|C9|{\"customer_id\":\"C9\",\"phones\":[\"1\",\"2\",\"3\",\"4\",\"5\"]}|more than 4 phones",
        "appointments|A9|{\"appointment_id\":\"A9\",\"customer_id\":\"C1\",\"booked_at\":\"2025-01-01\",\"attended_at\":\"soon\"}|unparseable time 'soon'",
        "interactions|''|{\"interaction_id\":\"I9\",\"type\":\"call\",\"occurred_at\":\"2025-01-01\",\"channel\":\"tv\",\"customer_id\":\"C1\"}|key does not match interaction_id",
        "customers|' '|{\"customer_id\":\"C9\"}|key does not match customer_id",
        "payments|P9|{\"payment_id\":\"P9\",\"customer_id\":\"C1\",\"paid_at\":\"2025-01-01\",\"amount\":\"10000000000000.01\",\"currency\":\"USD\"}|amount out of range",
        "interactions|I9|{\"interaction_id\":\"I9\",\"type\":\"call\",\"occurred_at\":\"1899-12-31\",\"channel\":\"tv\",\"customer_id\":\"C1\"}|occurred_at out of range",
        "interactions|I9|{\"interaction_id\":\"I9\",\"type\":\"call\",\"occurred_at\":\"2025-01-01\",\"channel\":\"tv\",\"campaign\":\"a\\u0000b\",\"customer_id\":\"C1\"}|control character in campaign",
        "appointments|A9|{\"appointment_id\":\"A9\",\"customer_id\":\"C1\\u0000x\",\"booked_at\":\"2025-01-01\"}|control character in customer_id",
    })
    void badRecordGoesToTheDeadLetterTopicAndProcessingGoesOn(String topic, String key, String json, String reason) {
        try (TopologyHarness harness = new TopologyHarness(AttributionSettings.defaults())) {
            harness.pipe(new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of(), List.of())));
            byte[] bytes = json.equals("null") ? "null".getBytes(StandardCharsets.UTF_8)
                    : json.getBytes(StandardCharsets.UTF_8);
            harness.pipeBytes(topic, key, bytes);
            harness.pipe(new FactRecord(FactFile.INTERACTIONS, "I1",
                    new RawInteraction("I1", "call", "2025-01-02", "tv", null, null, null, "C1")));

            assertThat(harness.deadLetters()).hasSize(1);
            TestRecord<byte[], byte[]> letter = harness.deadLetters().get(0);
            assertThat(letter.value()).isEqualTo(bytes);
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(key);
            Map<String, String> headers = headers(letter);
            assertThat(headers.get(DeadLetters.REASON_HEADER)).startsWith(reason);
            assertThat(headers).containsEntry(DeadLetters.TOPIC_HEADER, topic)
                    .containsEntry(DeadLetters.PARTITION_HEADER, "0")
                    .containsEntry(DeadLetters.OFFSET_HEADER, topic.equals("customers") ? "1" : "0")
                    .containsKey(DeadLetters.EXCEPTION_HEADER);
            // the record after the bad one was processed
            assertThat(harness.latestUpdates()).containsKey("C1|FIRST_CONTACT|daily_split");
            assertThat(harness.registry().find(DeadLetters.METRIC).tag("topic", topic).counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void aRecordWithNoKeyIsRejectedAndATombstoneWithNoKeyToo() {
        try (TopologyHarness harness = new TopologyHarness(AttributionSettings.defaults())) {
            harness.pipeBytes("payments", null, ("{\"payment_id\":\"P9\",\"customer_id\":\"C1\",\"paid_at\":"
                    + "\"2025-01-01\",\"amount\":\"1.00\",\"currency\":\"USD\"}").getBytes(StandardCharsets.UTF_8));
            harness.pipeBytes("payments", null, null);

            assertThat(harness.deadLetters()).extracting(letter -> headers(letter).get(DeadLetters.REASON_HEADER))
                    .containsExactly("key does not match payment_id", "a tombstone needs the fact id as its key");
        }
    }

    @Test
    void aRejectedUpdateKeepsThePreviousVersionOfTheFact() {
        try (TopologyHarness harness = new TopologyHarness(AttributionSettings.defaults())) {
            harness.pipe(List.of(new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of(), List.of())),
                    new FactRecord(FactFile.INTERACTIONS, "I1",
                            new RawInteraction("I1", "call", "2025-01-02", "tv", null, null, null, "C1")),
                    new FactRecord(FactFile.INTERACTIONS, "I1",
                            new RawInteraction("I1", "call", "not a time", "radio", null, null, null, "C1"))));

            assertThat(harness.deadLetters()).hasSize(1);
            assertThat(harness.latestUpdates().get("C1|FIRST_CONTACT|daily_split").touchpoints())
                    .extracting(t -> t.channel()).containsExactly("tv");
        }
    }

    private static Map<String, String> headers(TestRecord<byte[], byte[]> record) {
        return java.util.Arrays.stream(record.headers().toArray()).collect(Collectors.toMap(Header::key,
                h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
    }
}

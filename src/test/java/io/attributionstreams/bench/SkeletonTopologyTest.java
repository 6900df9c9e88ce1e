package io.attributionstreams.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.StreamsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkeletonTopologyTest {
    @TempDir
    Path stateDir;

    private Properties settings() {
        Properties props = StreamsSettings.defaults();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, SkeletonTopology.APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    @Test
    void anInteractionOnACustomersPhoneCountsForThatCustomerAndItsChannel() {
        try (TopologyTestDriver driver = new TopologyTestDriver(SkeletonTopology.build(settings()), settings())) {
            pipe(driver, Names.CUSTOMERS, "c1", "{\"customer_id\":\"c1\",\"phones\":[\"07700 900123\"],\"emails\":[]}");
            pipe(driver, Names.INTERACTIONS, "i1", "{\"interaction_id\":\"i1\",\"type\":\"call\","
                    + "\"occurred_at\":\"2026-01-01T10:00:00Z\",\"channel\":\"google\",\"phone\":\"07700 900123\"}");
            pipe(driver, Names.PAYMENTS, "p1", "{\"payment_id\":\"p1\",\"customer_id\":\"c1\","
                    + "\"paid_at\":\"2026-01-02T10:00:00Z\",\"amount\":\"10.00\",\"currency\":\"GBP\"}");

            // the customer: its status, its phone and its own id; the interaction, through the phone; the payment
            List<TestRecord<String, String>> updates = driver.createOutputTopic(SkeletonTopology.UPDATES,
                    new StringDeserializer(), new StringDeserializer()).readRecordsToList();
            assertThat(updates).extracting(TestRecord::key).containsExactly("c1", "c1", "c1", "c1", "c1");
            assertThat(updates).extracting(TestRecord::value).containsExactly("1", "2", "3", "4", "5");

            Map<String, Long> totals = driver.createOutputTopic(SkeletonTopology.CHANNEL_TOTALS,
                    new StringDeserializer(), new LongDeserializer()).readKeyValuesToMap();
            assertThat(totals).containsExactlyInAnyOrderEntriesOf(Map.of("google", 1L, SkeletonTopology.NO_CHANNEL, 4L));
        }
    }

    @Test
    void repartitionsByIdentifierCustomerAndChannel() {
        Topology topology = SkeletonTopology.build(settings());
        String description = topology.describe().toString();
        for (String repartition : List.of(SkeletonTopology.BY_IDENTIFIER, SkeletonTopology.BY_CUSTOMER,
                SkeletonTopology.BY_CHANNEL)) {
            assertThat(description).contains("topics: [" + repartition + "-repartition]");
        }
        assertThat(description).contains(Names.CUSTOMERS, Names.INTERACTIONS, Names.APPOINTMENTS, Names.PAYMENTS,
                SkeletonTopology.UPDATES, SkeletonTopology.CHANNEL_TOTALS);
    }

    private static void pipe(TopologyTestDriver driver, String topic, String key, String json) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
    }
}

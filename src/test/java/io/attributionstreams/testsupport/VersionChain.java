package io.attributionstreams.testsupport;

import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Topics;
import io.attributionstreams.topology.outputs.AttributionUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every record of {@code attribution-updates} with {@code read_committed} and checks, per key,
 * that each version is the previous one plus one: a doubled record (a version repeated) or a lost
 * one (a version skipped) shows up here.
 */
public final class VersionChain {
    private VersionChain() {
    }

    /** The problems found, empty when every key's chain is 1, 2, 3, ... with tombstones in between. */
    public static List<String> check(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> problems = new ArrayList<>();
        Map<String, Long> last = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Names.ATTRIBUTION_UPDATES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    AttributionUpdate update = Topics.ATTRIBUTION_UPDATES.valueSerde().deserializer()
                            .deserialize(r.topic(), r.value());
                    if (update == null) {
                        continue;
                    }
                    long expected = last.getOrDefault(r.key(), 0L) + 1;
                    if (update.version() != expected) {
                        problems.add(r.key() + ": version " + update.version() + " after " + (expected - 1));
                    }
                    last.put(r.key(), update.version());
                }
            }
        }
        return problems;
    }
}

package io.attributionstreams.export;

import io.attributionstreams.broker.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record of a topic, from the beginning to the end offsets, as a {@code read_committed}
 * consumer sees it (what other teams' clients see: aborted writes of killed instances excluded).
 */
public final class TopicReader {
    private TopicReader() {
    }

    /** A consumer without a group that sees committed records only, as the outputs' other readers do. */
    public static Properties readCommitted(String bootstrap) {
        return readCommitted(KafkaClients.of(bootstrap));
    }

    /** As above, on a cluster reached with these client settings (security included). */
    public static Properties readCommitted(KafkaClients clients) {
        Properties p = clients.consumer();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return p;
    }

    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        forEach(bootstrap, topic, all::add);
        return all;
    }

    /** Hands every record to {@code sink} in partition order, without keeping them: for topics of any size. */
    public static long forEach(String bootstrap, String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        return forEach(readCommitted(bootstrap), topic, sink);
    }

    /** As above, with other consumer settings (read_uncommitted, to see aborted records too). */
    public static long forEach(Properties settings, String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    sink.accept(r);
                    count++;
                }
            }
        }
        return count;
    }
}

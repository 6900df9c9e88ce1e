package io.attributionstreams.export;

import io.attributionstreams.topology.Names;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Which customers' recomputes the application has deferred (pacing) and not yet run, read from the
 * changelog of its {@code pending-recomputes} store: a value while deferred, a tombstone once done.
 * Read committed, it moves in step with the committed input offsets, so "no input lag and nothing
 * pending" means no update is still to come.
 */
final class PendingRecomputes implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> pending = new HashSet<>();

    private PendingRecomputes(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /** The changelog of {@code applicationId}, or nothing to watch when the application has not created it yet. */
    static PendingRecomputes watch(String bootstrap, String applicationId) {
        String topic = applicationId + "-" + Names.PENDING_RECOMPUTES + "-changelog";
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // the application creates it, with its settings
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new PendingRecomputes(consumer);
    }

    /** Reads what the changelog gained since the last call; true while some customer waits. */
    boolean any() {
        for (int polls = 0; polls < 100; polls++) {
            var records = consumer.poll(Duration.ofMillis(polls == 0 ? 100 : 0));
            if (records.isEmpty()) {
                break;
            }
            for (ConsumerRecord<String, byte[]> r : records) {
                if (r.value() == null) {
                    pending.remove(r.key());
                } else {
                    pending.add(r.key());
                }
            }
        }
        return !pending.isEmpty();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

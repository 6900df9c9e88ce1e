package io.attributionstreams.export;

import io.attributionstreams.topology.Names;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

    private final String topic;

    private PendingRecomputes(KafkaConsumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /** The changelog of {@code applicationId}'s store; watched from when the application has created it. */
    static PendingRecomputes watch(String bootstrap, String applicationId) {
        Properties p = TopicReader.readCommitted(bootstrap);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // the application creates it, with its settings
        return new PendingRecomputes(new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer()),
                Names.changelogTopic(applicationId, Names.PENDING_RECOMPUTES));
    }

    /** Assigns the changelog's partitions once it exists; false while it does not. */
    private boolean assigned() {
        if (!consumer.assignment().isEmpty()) {
            return true;
        }
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
    }

    /**
     * Reads the changelog up to its last stable offset as of now, so that a slow fetch cannot pass for
     * an empty store; true while some customer waits.
     */
    boolean any() {
        if (!assigned()) {
            return false; // no store yet, so nothing deferred yet
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment()); // read_committed: stable end
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!readTo(ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot read " + topic + " to its end within a minute");
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.value() == null) {
                    pending.remove(r.key());
                } else {
                    pending.add(r.key());
                }
            }
        }
        return !pending.isEmpty();
    }

    private boolean readTo(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

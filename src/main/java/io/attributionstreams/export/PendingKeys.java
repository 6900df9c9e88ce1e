package io.attributionstreams.export;

import io.attributionstreams.broker.KafkaClients;
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
 * The keys of one of the application's stores of deferred work (a recompute waiting for its pace, a
 * fan-out under way), read from the store's changelog: a value while the work waits, a tombstone once
 * done. Read committed, it moves in step with the committed input offsets, so "no input lag and
 * nothing pending" means no update is still to come.
 */
final class PendingKeys implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> pending = new HashSet<>();

    private final String topic;

    private PendingKeys(KafkaConsumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /** The changelog of {@code applicationId}'s {@code store}; watched from when the application has created it. */
    static PendingKeys watch(KafkaClients clients, String applicationId, String store) {
        Properties p = TopicReader.readCommitted(clients);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // the application creates it, with its settings
        return new PendingKeys(new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer()),
                Names.changelogTopic(applicationId, store));
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
     * an empty store; true while some work waits.
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

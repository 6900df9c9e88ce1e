package io.attributionstreams.app;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.privacy.Pseudonyms;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pseudonym key of an application that was given no key file: kept in a one-partition topic of its
 * own, {@code <application.id>-pseudonym-key}, never deleted. The first record is the key; an instance
 * that finds the topic empty writes a random candidate and then, like every other, takes whatever is at
 * offset 0, so instances starting together agree. A key file from a secret store is better (who may
 * read this topic may reverse the pseudonyms by guessing); this default makes a first start on a real
 * cluster work without one, and keeps matching right across instances and restarts.
 */
final class KeptPseudonymKey {
    private static final Logger LOG = LoggerFactory.getLogger(KeptPseudonymKey.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private KeptPseudonymKey() {
    }

    static String topic(String applicationId) {
        return applicationId + "-pseudonym-key";
    }

    /**
     * @param clients the client settings every client of the app uses (security included)
     * @param replicationFactor the topic's replication factor when it is created; 0: up to 3, as the brokers allow
     */
    static Pseudonyms load(KafkaClients clients, String applicationId, int replicationFactor) {
        String topic = topic(applicationId);
        create(clients, topic, replicationFactor);
        TopicPartition partition = new TopicPartition(topic, 0);
        Properties consumer = clients.consumer();
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            if (reader.endOffsets(List.of(partition), WAIT).get(partition) == 0) {
                writeCandidate(clients, topic);
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        LOG.warn("no {} is set: the pseudonym key is the one kept in topic {}; whoever may read that "
                                + "topic can reverse pseudonyms by guessing, so give every instance a key file from a "
                                + "secret store (docs/operations.md#pseudonym-key)", AppConfig.PSEUDONYM_KEY_FILE, topic);
                        return Pseudonyms.withKey(record.value());
                    }
                }
            }
        }
        throw new IllegalStateException("no pseudonym key could be read from topic " + topic + " within " + WAIT);
    }

    private static void create(KafkaClients clients, String topic, int replicationFactor) {
        Map<String, Object> admin = clients.admin();
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        try (Admin client = Admin.create(admin)) {
            int replicas = replicationFactor > 0 ? replicationFactor
                    : Math.min(3, client.describeCluster().nodes().get(WAIT.toSeconds(), TimeUnit.SECONDS).size());
            NewTopic key = new NewTopic(topic, 1, (short) replicas)
                    .configs(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1"));
            client.createTopics(List.of(key)).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the pseudonym key topic " + topic + ": "
                        + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the pseudonym key topic " + topic + " within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        }
    }

    private static void writeCandidate(KafkaClients clients, String topic) {
        Properties producer = clients.producer();
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> writer = new KafkaProducer<>(producer, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            writer.send(new ProducerRecord<>(topic, 0, null, Pseudonyms.newKeyText().getBytes(StandardCharsets.US_ASCII))).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write a pseudonym key to " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        }
    }
}

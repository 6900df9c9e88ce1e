package io.attributionstreams.app;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.topology.Names;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The engine's own topic of suppressed subjects (docs/contract.md §11), {@code <application.id>-suppressions}:
 * a keyed pseudonym a record, never a raw value. Compacted and never deleted, since every instance reads it
 * whole into its global store at every start: it is the list of erasures. One partition: it is small, and
 * the global store reads all partitions anyway. Created at start when missing, like the pseudonym key
 * topic, since the topology both writes and reads it.
 */
final class SuppressionsTopic {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SuppressionsTopic() {
    }

    /**
     * @param clients the client settings every client of the app uses (security included)
     * @param replicationFactor the topic's replication factor when it is created; 0: up to 3, as the brokers allow
     */
    static String create(KafkaClients clients, String applicationId, int replicationFactor) {
        String topic = Names.suppressionsTopic(applicationId);
        Map<String, Object> admin = clients.admin();
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        try (Admin client = Admin.create(admin)) {
            int replicas = replicationFactor > 0 ? replicationFactor
                    : Math.min(3, client.describeCluster().nodes().get(WAIT.toSeconds(), TimeUnit.SECONDS).size());
            Map<String, String> config = new HashMap<>(Map.of("cleanup.policy", "compact"));
            if (replicas > 1) {
                config.put("min.insync.replicas", "2");
            }
            try {
                client.createTopics(List.of(new NewTopic(topic, 1, (short) replicas).configs(config))).all()
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitPartitions(client, topic);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the suppressions topic " + topic + ": "
                    + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the suppressions topic " + topic + " within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        }
        return topic;
    }

    /**
     * Waits until the brokers' metadata shows the topic's partition: a topic just created is not in every
     * metadata response at once, and the global store, which asks for the partitions first thing at start,
     * stops the application when it finds none.
     */
    private static void awaitPartitions(Admin client, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                TopicDescription description = client.describeTopics(List.of(topic)).allTopicNames()
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS).get(topic);
                if (description != null && !description.partitions().isEmpty()
                        && description.partitions().get(0).leader() != null) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the suppressions topic " + topic + " has no partition leader after " + WAIT);
            }
            Thread.sleep(100);
        }
    }
}

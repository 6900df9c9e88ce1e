package io.attributionstreams.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics of {@link TopicFiles} that a cluster lacks; existing topics are left as they are. */
public final class TopicCreator {
    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {
    }

    /**
     * A new topic is usable once every partition has a leader. Producing before that was seen to
     * confuse an idempotent producer's sequence numbers on a freshly started broker.
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException,
            ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            boolean ready;
            try {
                ready = admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS).values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.isr().isEmpty()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
                ready = false; // created, but not yet in the metadata this broker serves
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics + " have no leader after 60 s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * @param partitions overrides the files' partition count when positive
     * @param replicationFactor overrides the files' replication when positive; otherwise the files' value
     *     capped at the number of brokers
     * @return the topics created
     */
    public static List<String> createMissing(String bootstrapServers, int partitions, int replicationFactor) {
        return createMissing(KafkaClients.of(bootstrapServers), partitions, replicationFactor);
    }

    /** As above, on a cluster reached with these client settings (security included). */
    public static List<String> createMissing(KafkaClients clients, int partitions, int replicationFactor) {
        Map<String, Object> config = clients.admin();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            int brokers = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
            List<NewTopic> missing = new ArrayList<>();
            for (TopicFiles.TopicSpec spec : TopicFiles.load()) {
                if (existing.contains(spec.name())) {
                    continue;
                }
                int count = partitions > 0 ? partitions : spec.partitions();
                short replicas = (short) (replicationFactor > 0 ? replicationFactor
                        : Math.min(spec.replicas(), brokers));
                Map<String, String> topicConfig = new HashMap<>(spec.config());
                if (replicas < 2) {
                    topicConfig.remove("min.insync.replicas");
                }
                missing.add(new NewTopic(spec.name(), count, replicas).configs(topicConfig));
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + clients.bootstrapServers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}

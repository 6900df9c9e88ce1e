package io.attributionstreams.export;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.contract.OutputTopics;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Topics;
import io.attributionstreams.topology.outputs.AnswerAssembler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the output topics from the beginning with {@code read_committed}, keeping the latest value
 * per key (a tombstone removes the key), an answer sent in parts put back together: what any
 * downstream client that materialises the topics sees.
 */
public final class Exporter {
    private static final List<String> OUTPUTS = List.of(OutputTopics.ATTRIBUTION_UPDATES, OutputTopics.CHANNEL_TOTALS,
            OutputTopics.CAMPAIGN_TOTALS, OutputTopics.MONTH_TOTALS, OutputTopics.PATH_TOTALS);

    private Exporter() {
    }

    /** The latest record per key of the output topics: answers, and channel, campaign, monthly and path totals. */
    public record Snapshot(Map<String, AttributionUpdate> updates, Map<String, ChannelTotalRecord> totals,
            Map<String, CampaignTotalRecord> campaigns, Map<String, MonthTotalRecord> months,
            Map<String, PathTotalRecord> paths, long recordsRead) {

        /** Writes the export's files, in the batch engine's format. */
        public void write(java.nio.file.Path dir) {
            ExportFiles.write(dir, updates.values(), totals.values(), campaigns.values(), months.values(),
                    paths.values());
        }
    }

    /**
     * Waits until the application's consumer group has consumed every input record (and its internal
     * topics have at most a transaction marker left per partition), no deferred work waits (the changelogs
     * of {@code pending-fanouts} and {@code pending-recomputes}: fan-outs under way, recomputes waiting for
     * their pace), and the output topics have not grown for {@code quiet}.
     */
    public static void awaitQuiet(String bootstrap, String applicationId, Duration quiet, Duration timeout,
            PrintWriter progress) {
        awaitQuiet(KafkaClients.of(bootstrap), applicationId, quiet, timeout, progress);
    }

    /** As above, on a cluster reached with these client settings (security included). */
    public static void awaitQuiet(KafkaClients clients, String applicationId, Duration quiet, Duration timeout,
            PrintWriter progress) {
        awaitQuiet(clients, applicationId, OUTPUTS, Names.DEFERRED_WORK_STORES, quiet, timeout, progress);
    }

    /**
     * As above, for any application that reads the four input topics: quiet once its group has consumed
     * them and its internal topics, the changelogs of {@code deferredWorkStores} hold no key, and
     * {@code outputs} have not grown for {@code quiet} (the benchmark's skeleton: its own outputs, no
     * deferred work).
     */
    public static void awaitQuiet(KafkaClients clients, String applicationId, List<String> outputs,
            List<String> deferredWorkStores, Duration quiet, Duration timeout, PrintWriter progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long quietSince = System.nanoTime();
        Map<TopicPartition, Long> lastOutputEnds = Map.of();
        long lastReport = 0;
        try (Admin admin = admin(clients);
             DeferredWork deferredWork = DeferredWork.watch(clients, applicationId, deferredWorkStores)) {
            while (true) {
                Map<TopicPartition, Long> outputEnds = endOffsets(admin, partitions(admin, outputs));
                long inputLag = lag(admin, applicationId, partitions(admin, Names.INPUT_TOPICS), 0);
                long internalLag = internalLag(admin, applicationId);
                List<String> deferred = deferredWork.pending();
                long now = System.nanoTime();
                if (inputLag > 0 || internalLag > 0 || !deferred.isEmpty() || !outputEnds.equals(lastOutputEnds)) {
                    quietSince = now;
                    lastOutputEnds = outputEnds;
                } else if (now - quietSince >= quiet.toNanos()) {
                    return;
                }
                if (now > deadline) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "the application did not go quiet within %s (input lag %d, internal lag %d, work waiting "
                                    + "in %s)", timeout, inputLag, internalLag, deferred.isEmpty() ? "none" : deferred));
                }
                if (progress != null && now - lastReport > 2_000_000_000L) {
                    lastReport = now;
                    String waiting = deferred.isEmpty() ? "" : ", work waiting in " + String.join(" and ", deferred);
                    progress.printf(Locale.ROOT, "export: waiting for quiet (input lag %,d, internal lag %,d%s)%n",
                            inputLag, internalLag, waiting);
                    progress.flush();
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for quiet", e);
        }
    }

    public static Snapshot read(String bootstrap) {
        return read(KafkaClients.of(bootstrap));
    }

    /** The latest record per key of both output topics, read_committed, on a cluster these client settings reach. */
    public static Snapshot read(KafkaClients clients) {
        Properties p = TopicReader.readCommitted(clients);
        Map<String, AttributionUpdate> updates = new TreeMap<>();
        Map<String, ChannelTotalRecord> totals = new TreeMap<>();
        Map<String, CampaignTotalRecord> campaigns = new TreeMap<>();
        Map<String, MonthTotalRecord> months = new TreeMap<>();
        Map<String, PathTotalRecord> paths = new TreeMap<>();
        AnswerAssembler answers = new AnswerAssembler();
        long read = 0;
        try (Admin admin = admin(clients);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                     new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(admin, OUTPUTS);
            Map<TopicPartition, Long> ends = endOffsets(admin, partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    if (r.topic().equals(OutputTopics.ATTRIBUTION_UPDATES)) {
                        answers.accept(r.key(), Topics.ATTRIBUTION_UPDATES.valueSerde().deserializer()
                                .deserialize(r.topic(), r.value())).ifPresent(a -> fold(updates, a.key(), a.update()));
                    } else if (r.topic().equals(OutputTopics.CAMPAIGN_TOTALS)) {
                        fold(campaigns, r.key(), Topics.CAMPAIGN_TOTALS.valueSerde().deserializer()
                                .deserialize(r.topic(), r.value()));
                    } else if (r.topic().equals(OutputTopics.PATH_TOTALS)) {
                        fold(paths, r.key(), Topics.PATH_TOTALS.valueSerde().deserializer()
                                .deserialize(r.topic(), r.value()));
                    } else if (r.topic().equals(OutputTopics.MONTH_TOTALS)) {
                        fold(months, r.key(), Topics.MONTH_TOTALS.valueSerde().deserializer()
                                .deserialize(r.topic(), r.value()));
                    } else {
                        fold(totals, r.key(), Topics.CHANNEL_TOTALS.valueSerde().deserializer()
                                .deserialize(r.topic(), r.value()));
                    }
                }
            }
        }
        return new Snapshot(updates, totals, campaigns, months, paths, read);
    }

    private static <V> void fold(Map<String, V> latest, String key, V value) {
        if (value == null) {
            latest.remove(key);
        } else {
            latest.put(key, value);
        }
    }

    static Admin admin(KafkaClients clients) {
        Map<String, Object> config = clients.admin();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(config);
    }

    private static List<TopicPartition> partitions(Admin admin, List<String> topics) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
            return partitions;
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("cannot describe topics " + topics + ": " + e.getMessage(), e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions) {
        try {
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("cannot read end offsets: " + e.getMessage(), e);
        }
    }

    /** Input records the group has committed, summed over the four input topics (0 before it commits). */
    public static long committedInput(Admin admin, String group) {
        return committed(admin, group).entrySet().stream()
                .filter(e -> Names.INPUT_TOPICS.contains(e.getKey().topic()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets == null ? Map.of() : offsets;
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            return Map.of();
        }
    }

    /** Records of these partitions the group has not consumed; partitions with more than {@code slack} only. */
    private static long lag(Admin admin, String group, List<TopicPartition> partitions, long slack) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets(admin, partitions).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long behind = end.getValue() - (done == null ? 0 : done.offset());
            if (behind > slack) {
                lag += behind;
            }
        }
        return lag;
    }

    /**
     * Lag on the application's internal topics, allowing the one transaction marker an exactly-once
     * producer leaves after its last record (a consumer commits the offset before it).
     */
    private static long internalLag(Admin admin, String group) {
        Set<TopicPartition> internal = committed(admin, group).keySet().stream()
                .filter(tp -> tp.topic().startsWith(group + "-")).collect(Collectors.toSet());
        return internal.isEmpty() ? 0 : lag(admin, group, new ArrayList<>(internal), 1);
    }
}

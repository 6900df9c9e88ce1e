package io.attributionstreams.reset;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.contract.OutputTopics;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.topology.Names;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Recomputing every answer after a change to a setting that changes answers (a model, the lookback,
 * the zone, the half-life, the types, the guardrails), in two steps.
 *
 * <p>{@link #start}, with every instance stopped: marks where each output partition ends (as the
 * committed offsets of a consumer group of its own, {@code <application.id>-reset-marks}, so the mark
 * lives on the cluster), then runs Kafka's own reset tool ({@link StreamsResetter}: the application's
 * offsets on every input topic back to the earliest, its internal topics deleted), and wipes this
 * machine's local state. The instances, started again with the new settings, reprocess every fact and
 * write every answer again, under the new settings' fingerprint, with versions from 1.
 *
 * <p>{@link #finish}, once they have caught up: an answer or total that no record since the mark has
 * written is one the new settings no longer give (a model dropped, a conversion no longer in the
 * lookback). Its key gets a tombstone, so that the compacted topics hold exactly the new answers.
 */
public final class ApplicationReset {
    /** The output topics whose keys the reset may leave behind. */
    static final List<String> OUTPUTS = List.of(OutputTopics.ATTRIBUTION_UPDATES, OutputTopics.CHANNEL_TOTALS,
            OutputTopics.CAMPAIGN_TOTALS, OutputTopics.MONTH_TOTALS, OutputTopics.PATH_TOTALS,
            OutputTopics.IDENTITY_CAPPED, OutputTopics.ATTRIBUTION_CREDITS);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private ApplicationReset() {
    }

    /** The group whose committed offsets are the marks of a reset under way. */
    public static String marksGroup(String applicationId) {
        return applicationId + "-reset-marks";
    }

    /**
     * @param localState this machine's {@code state.dir}, whose folder for the application is wiped; null for none
     * @return what was done, one line
     */
    public static String start(KafkaClients clients, String applicationId, Path localState) {
        try (Admin admin = admin(clients)) {
            requireStopped(admin, applicationId);
            Map<TopicPartition, Long> ends = ends(admin);
            Map<TopicPartition, OffsetAndMetadata> marks = new HashMap<>();
            ends.forEach((partition, end) -> marks.put(partition, new OffsetAndMetadata(end)));
            admin.alterConsumerGroupOffsets(marksGroup(applicationId), marks).all()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            int code = new StreamsResetter().execute(resetterArguments(clients, applicationId), resetterConfig(clients));
            if (code != 0) {
                throw new IllegalStateException("Kafka's application reset tool failed (exit code " + code
                        + "); the marks are kept, run reset again");
            }
            boolean wiped = wipe(localState, applicationId);
            return String.format(Locale.ROOT, "reset: %s's offsets back to the earliest on %s, its internal topics "
                            + "deleted%s; start the instances with the new settings, then run reset --finish",
                    applicationId, String.join(", ", inputs()), wiped ? ", local state in " + localState.resolve(
                            applicationId) + " wiped" : "");
        } catch (ExecutionException e) {
            throw new IllegalStateException("reset failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("reset: the cluster did not answer within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Waits until the application has caught up ({@link Exporter#awaitQuiet}), then writes a tombstone
     * for every output key no record since the marks has written, and forgets the marks.
     *
     * @return how many keys got tombstones
     */
    public static long finish(KafkaClients clients, String applicationId, Duration quiet, Duration timeout,
            PrintWriter progress) {
        Map<TopicPartition, Long> marks;
        try (Admin admin = admin(clients)) {
            marks = marks(admin, applicationId);
            if (marks.isEmpty()) {
                throw new IllegalStateException("no reset of " + applicationId + " to finish: run reset first");
            }
            Exporter.awaitQuiet(clients, applicationId, quiet, timeout, progress);
            long tombstones = 0;
            for (String topic : OUTPUTS) {
                tombstones += tombstoneStale(clients, topic, marks);
            }
            admin.deleteConsumerGroups(List.of(marksGroup(applicationId))).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return tombstones;
        } catch (ExecutionException e) {
            throw new IllegalStateException("reset --finish failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("reset --finish: the cluster did not answer within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The latest record of a key: where it is, and whether it holds a value. */
    private record Latest(int partition, long offset, boolean live) {
    }

    /** Keys whose latest record is older than the mark of its partition, and not a tombstone already. */
    private static long tombstoneStale(KafkaClients clients, String topic, Map<TopicPartition, Long> marks) {
        Map<String, Latest> latest = new HashMap<>();
        TopicReader.forEach(TopicReader.readCommitted(clients), topic, r -> latest.put(
                new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                new Latest(r.partition(), r.offset(), r.value() != null)));
        Map<String, Integer> stale = new HashMap<>();
        latest.forEach((key, record) -> {
            Long mark = marks.get(new TopicPartition(topic, record.partition()));
            if (mark != null && record.offset() < mark && record.live()) {
                stale.put(key, record.partition());
            }
        });
        Properties settings = clients.producer();
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // the same partition as the record it removes
            stale.forEach((key, partition) -> producer.send(new ProducerRecord<>(topic, partition,
                    key.getBytes(java.nio.charset.StandardCharsets.UTF_8), null)));
            producer.flush();
        }
        return stale.size();
    }

    private static void requireStopped(Admin admin, String applicationId)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS).get(applicationId);
            if (group != null && !group.members().isEmpty()) {
                throw new IllegalStateException("stop every instance of " + applicationId + " first: its group has "
                        + group.members().size() + " member(s)");
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(OUTPUTS).allTopicNames().get(WAIT.toSeconds(), TimeUnit.SECONDS).forEach((name, d) ->
                d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static Map<TopicPartition, Long> marks(Admin admin, String applicationId)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(marksGroup(applicationId))
                .partitionsToOffsetAndMetadata().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Map<TopicPartition, Long> marks = new HashMap<>();
        if (committed != null) {
            committed.forEach((tp, offset) -> {
                if (offset != null) {
                    marks.put(tp, offset.offset());
                }
            });
        }
        return marks;
    }

    private static List<String> inputs() {
        List<String> inputs = new ArrayList<>(Names.INPUT_TOPICS);
        inputs.add(Names.ERASURES);
        return inputs;
    }

    private static String[] resetterArguments(KafkaClients clients, String applicationId) {
        return new String[] {"--bootstrap-server", clients.bootstrapServers(), "--application-id", applicationId,
            "--input-topics", String.join(",", inputs()), "--to-earliest"};
    }

    private static Properties resetterConfig(KafkaClients clients) {
        Properties config = new Properties();
        config.putAll(clients.admin());
        return config;
    }

    private static boolean wipe(Path stateDir, String applicationId) {
        if (stateDir == null) {
            return false;
        }
        Path folder = stateDir.resolve(applicationId);
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe the local state in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Admin admin(KafkaClients clients) {
        Map<String, Object> config = clients.admin();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        return Admin.create(config);
    }
}

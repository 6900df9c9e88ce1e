package io.attributionstreams.bench;

import io.attributionstreams.topology.StreamsSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The skeleton topology as a process of its own (started by {@link AppProcess#startSkeleton}), with the
 * engine's Kafka Streams defaults: exactly-once v2, the same commit interval, threads and RocksDB bounds.
 * It has no HTTP server: it says {@link #READY} on its standard output once Kafka Streams is RUNNING.
 */
public final class SkeletonApp {
    /** The line that tells {@link AppProcess} the skeleton is running. */
    public static final String READY = "skeleton RUNNING";

    private SkeletonApp() {
    }

    /** Runs until the process is asked to stop; true when Kafka Streams ended in an error. */
    public static boolean run(String bootstrap, String applicationId, Path stateDir, PrintWriter out)
            throws InterruptedException {
        Properties props = StreamsSettings.defaults();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        createOutputs(bootstrap);
        KafkaStreams streams = new KafkaStreams(SkeletonTopology.build(props), props);
        CountDownLatch stopped = new CountDownLatch(1);
        boolean[] failed = {false};
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                out.println(READY);
                out.flush();
            } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                failed[0] |= now == KafkaStreams.State.ERROR;
                stopped.countDown();
            }
        });
        // SIGTERM from AppProcess.close: a clean close, offsets committed, as the engine does
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean closed = streams.close(Duration.ofSeconds(30));
            out.println(closed ? "skeleton stopped: Kafka Streams closed" : "skeleton: Kafka Streams did not close in time");
            out.flush();
        }, "skeleton-shutdown"));
        streams.start();
        stopped.await();
        return failed[0];
    }

    /** The two output topics, as the engine's (compacted; one replica on the bench's single broker). */
    private static void createOutputs(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = SkeletonTopology.OUTPUT_PARTITIONS.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))
                    .toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the skeleton's outputs: " + e.getMessage(), e);
            }
        } catch (TimeoutException | InterruptedException e) {
            throw new IllegalStateException("cannot create the skeleton's outputs: " + e.getMessage(), e);
        }
    }
}

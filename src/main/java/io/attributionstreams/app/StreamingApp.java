package io.attributionstreams.app;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.broker.BrokerCheck;
import io.attributionstreams.identity.BlockedIdentifiers;
import io.attributionstreams.broker.TopicCreator;
import io.attributionstreams.privacy.PseudonymisedValues;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.topology.AttributionTopology;
import io.attributionstreams.topology.IdentityOptions;
import io.attributionstreams.topology.Outputs;
import io.attributionstreams.topology.TopologyMetrics;
import io.attributionstreams.topology.erasure.ErasureOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running engine: creates missing topics, builds the topology with the configured settings,
 * and runs Kafka Streams until closed. A fatal error stops the client (and {@link #awaitStop}
 * returns), so an orchestrator restarts the process rather than a half-alive one carrying on.
 */
public final class StreamingApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingApp.class);
    private static final String CLUSTER_ID_FILE = "attribution-cluster.id";

    private final KafkaStreams streams;
    private final boolean staticMember;
    private final Pseudonyms pseudonyms;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean failed;
    private volatile boolean closedCleanly;

    private final CatchUpMonitor catchUp;
    private final Topology topology;

    private StreamingApp(KafkaStreams streams, Topology topology, boolean staticMember, Pseudonyms pseudonyms,
            CatchUpMonitor catchUp) {
        this.topology = topology;
        this.catchUp = catchUp;
        this.streams = streams;
        this.staticMember = staticMember;
        this.pseudonyms = pseudonyms;
    }

    /** The topology it runs (its stores, for the meters). */
    public Topology topology() {
        return topology;
    }

    /** As below, parsing the settings and blocked values from {@code config} here. */
    public static StreamingApp start(AppConfig config, MeterRegistry registry) {
        return start(config, config.attributionSettings(), config.blockedIdentifiers(), registry);
    }

    /**
     * @param config the layered configuration, with bootstrap servers
     * @param settings the attribution settings parsed from it once, by the caller, for every part that needs them
     * @param blocked the blocked values of {@code attribution.identity.blocked-file}, read once by the caller
     */
    public static StreamingApp start(AppConfig config, AttributionSettings settings, BlockedIdentifiers blocked,
            MeterRegistry registry) {
        Properties props = config.streamsProperties();
        props.put(MeterRegistry.class.getName(), registry);
        props.put(AppConfig.ROCKSDB_MEMORY, config.get(AppConfig.ROCKSDB_MEMORY)); // read by BoundedRocksDbMemory
        // the admin clients, producer and consumer made here connect as Kafka Streams does (security included)
        KafkaClients clients = KafkaClients.of(config.asMap());
        // before any connection: a key file that is missing or too short is a setup error
        Optional<Pseudonyms> keyFile = config.pseudonymKeyFile();
        Outputs outputs = config.outputs();
        // first, so that a broker that is not there ends the start with one line within seconds
        String clusterId = BrokerCheck.require(clients);
        if (Boolean.parseBoolean(config.get(AppConfig.TOPICS_CREATE))) {
            TopicCreator.createMissing(clients,
                    config.has(AppConfig.TOPICS_PARTITIONS) ? config.getInt(AppConfig.TOPICS_PARTITIONS) : 0,
                    config.has(AppConfig.TOPICS_REPLICATION) ? config.getInt(AppConfig.TOPICS_REPLICATION) : 0);
        }
        Pseudonyms pseudonyms = keyFile.orElseGet(() -> KeptPseudonymKey.load(clients,
                props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
                config.has(AppConfig.TOPICS_REPLICATION) ? config.getInt(AppConfig.TOPICS_REPLICATION) : 0));
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        SuppressionsTopic.create(clients, applicationId,
                config.has(AppConfig.TOPICS_REPLICATION) ? config.getInt(AppConfig.TOPICS_REPLICATION) : 0);
        TopologyMetrics metrics = new TopologyMetrics(registry, config.getInt(AppConfig.HOT_IDENTIFIER_THRESHOLD));
        CatchUpMonitor catchUp = new CatchUpMonitor(config.catchUpLag());
        registry.gauge(CatchUpMonitor.CATCHING_UP_METRIC, catchUp, m -> m.catchingUp() ? 1 : 0);
        registry.gauge(CatchUpMonitor.RECORDS_BEHIND_METRIC, catchUp, CatchUpMonitor::lag);
        Topology topology = AttributionTopology.build(settings,
                config.pacing(), metrics, new IdentityOptions(blocked,
                        new PseudonymisedValues(pseudonyms), config.maxClaimants()),
                ErasureOptions.of(pseudonyms, applicationId), catchUp, outputs);
        KafkaStreams streams = new KafkaStreams(topology, props);
        catchUp.watch(streams);
        StreamingApp app = new StreamingApp(streams, topology, staticMember(props), pseudonyms, catchUp);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed: {}; stopping", e.getClass().getName());
            LOG.debug("stream thread failure", e);
            app.failed = true;
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                app.stopped.countDown();
            }
        });
        forgetStateOfAnotherCluster(streams, props, clusterId);
        forgetStateOfAReset(streams, props, clients);
        streams.start();
        return app;
    }

    /**
     * Local state belongs to the cluster whose changelogs it mirrors. A state folder left by a
     * previous cluster (a recreated local broker, say) is wiped, loudly: its offsets mean nothing here.
     */
    private static void forgetStateOfAnotherCluster(KafkaStreams streams, Properties props, String clusterId) {
        String stateDir = props.getProperty(StreamsConfig.STATE_DIR_CONFIG,
                System.getProperty("java.io.tmpdir") + "/kafka-streams");
        Path marker = Path.of(stateDir, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), CLUSTER_ID_FILE);
        try {
            if (Files.exists(marker) && !Files.readString(marker).strip().equals(clusterId)) {
                LOG.warn("local state in {} belongs to another Kafka cluster; wiping it before start", marker.getParent());
                streams.cleanUp();
            }
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, clusterId);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the state folder " + stateDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * After a reset (the {@code reset} command, or Kafka's reset tool) the application's changelogs are
     * gone while this machine may still hold state built from them: it is wiped, loudly, so that the
     * instance rebuilds from the reprocessed facts instead of mixing old state with new settings.
     */
    private static void forgetStateOfAReset(KafkaStreams streams, Properties props, KafkaClients clients) {
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Path folder = Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG,
                System.getProperty("java.io.tmpdir") + "/kafka-streams"), applicationId);
        boolean hasTasks;
        try (var entries = Files.list(folder)) {
            hasTasks = entries.anyMatch(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d+_\\d+"));
        } catch (IOException e) {
            hasTasks = false; // no local state yet
        }
        if (!hasTasks) {
            return;
        }
        Map<String, Object> admin = clients.admin();
        try (Admin client = Admin.create(admin)) {
            boolean changelogs = client.listTopics().names().get(60, java.util.concurrent.TimeUnit.SECONDS).stream()
                    .anyMatch(t -> t.startsWith(applicationId + "-") && t.endsWith("-changelog"));
            if (!changelogs) {
                LOG.warn("the changelogs of {} are gone (a reset): wiping the local state in {} before start",
                        applicationId, folder);
                streams.cleanUp();
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot list the cluster's topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether the consumers have a {@code group.instance.id} (static membership, as in k8s/statefulset.yaml). */
    private static boolean staticMember(Properties props) {
        String key = ConsumerConfig.GROUP_INSTANCE_ID_CONFIG;
        return props.containsKey(key) || props.containsKey(StreamsConfig.consumerPrefix(key))
                || props.containsKey(StreamsConfig.mainConsumerPrefix(key));
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The key the instances sign forwarded queries with: derived from the pseudonym key, which stays here. */
    public byte[] forwardingKey() {
        return pseudonyms.forwardingKey();
    }

    /** Blocks until the client stops by itself (a fatal error) or is closed; true when it failed. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return failed;
    }

    /**
     * Closes Kafka Streams, committing what it has processed. A dynamic member leaves the consumer group
     * as it goes, so its tasks move to the other instances (or to this one's next start) at once; by
     * default Kafka Streams stays in the group and they wait for the session timeout (45 s) first. A
     * static member stays: its restart takes its tasks back without a rebalance, as static membership means to.
     */
    @Override
    public void close() {
        catchUp.close();
        closedCleanly = streams.close(CloseOptions.timeout(Duration.ofSeconds(60)).withGroupMembershipOperation(
                staticMember ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                        : CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (!closedCleanly) {
            LOG.warn("Kafka Streams did not close within 60 s; the next start resumes from the last commit");
        }
        stopped.countDown();
    }

    /** Whether {@link #close} closed Kafka Streams within its time, committing what it had processed. */
    public boolean closedCleanly() {
        return closedCleanly;
    }
}

package io.attributionstreams.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process),
 * from the Kafka server jars on the class path: no ZooKeeper, no download, no Docker. The data
 * directory is formatted on first use only, so a restart on the same directory keeps every topic.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    /**
     * Transactions v1. With v2 (KIP-890, the 4.x default) this broker answered exactly-once
     * producers with OUT_OF_ORDER_SEQUENCE_NUMBER after epoch bumps, retried until the transaction
     * aborted; v1 is the long-proven protocol and the one the local default runs.
     */
    static final short TRANSACTION_VERSION = 1;

    private final KafkaRaftServer server;
    private final int port;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker.
     *
     * @param port the client port, or 0 for any free port
     * @param dir the data folder, created and formatted when new
     */
    public static EmbeddedKafka start(int port, Path dir) {
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create broker folder " + dir + ": " + e.getMessage(), e);
        }
        Properties props = settings(clientPort, controllerPort, dir);
        formatIfNew(dir);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            // a failed start leaves non-daemon threads behind that would keep the JVM alive forever
            server.shutdown();
            server.awaitShutdown();
            throw new IllegalStateException("the embedded broker did not start on port " + clientPort + ": "
                    + e.getMessage(), e);
        }
        LOG.info("embedded Kafka broker (KRaft) listening on {}:{}, data in {}", HOST, clientPort, dir);
        return new EmbeddedKafka(server, clientPort);
    }

    static Properties settings(int clientPort, int controllerPort, Path dir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        return p;
    }

    private static void formatIfNew(Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dir.toAbsolutePath().toString())
                    .setDirectories(List.of(dir.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setFeatureLevel("transaction.version", TRANSACTION_VERSION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the broker folder " + dir + ": " + e.getMessage(), e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.shutdown();
            server.awaitShutdown();
            LOG.info("embedded Kafka broker on port {} stopped", port);
        }
    }
}

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
    private final SecuredListeners secured;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, int port, SecuredListeners secured) {
        this.server = server;
        this.port = port;
        this.secured = secured;
    }

    /**
     * What a secured broker offers its clients, and the files they connect with.
     *
     * @param mtlsPort the mutual-TLS listener's port (client certificate required)
     * @param scramProperties client settings for the SASL_SSL listener (SCRAM-SHA-512 user {@value #APP_USER})
     * @param mtlsProperties client settings for the mutual-TLS listener
     */
    public record SecuredListeners(int mtlsPort, Path scramProperties, Path mtlsProperties, BrokerTls tls) {
    }

    /** The SCRAM user whose credentials {@link SecuredListeners#scramProperties} holds. */
    public static final String APP_USER = "attribution-app";
    private static final String BROKER_USER = "broker";

    /**
     * Starts a broker.
     *
     * @param port the client port, or 0 for any free port
     * @param dir the data folder, created and formatted when new
     */
    public static EmbeddedKafka start(int port, Path dir) {
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        createFolder(dir);
        Properties props = settings(clientPort, controllerPort, dir);
        formatIfNew(dir, List.of());
        return startServer(props, clientPort, dir, null);
    }

    /**
     * Starts a broker that takes only authenticated clients over TLS, the way managed and company
     * clusters do: a SASL_SSL listener with SCRAM-SHA-512 users on {@code port}, and a mutual-TLS
     * listener (client certificate required) on {@code mtlsPort}. The broker talks to itself over
     * SASL_SSL too: no listener takes plain clients. Its CA and certificates are made on the first
     * start ({@link BrokerTls}), the SCRAM users when the folder is formatted, and ready client
     * properties files are written into the folder. There is no authorizer: any authenticated client
     * may do anything, as on a development cluster.
     *
     * @param port the SASL_SSL port, or 0 for any free port
     * @param mtlsPort the mutual-TLS port, or 0 for any free port
     * @param dir the data folder; one made without security cannot be reused (its metadata has no users)
     */
    public static EmbeddedKafka startSecured(int port, int mtlsPort, Path dir) {
        int saslPort = port == 0 ? freePort() : port;
        int certPort = mtlsPort == 0 ? freePort() : mtlsPort;
        int controllerPort = freePort();
        // Kafka's log folder holds topic data only: the certificates and client files live beside it
        Path data = dir.resolve("data");
        createFolder(data);
        Path users = dir.resolve("scram-users.properties");
        boolean fresh = !Files.exists(data.resolve("meta.properties"));
        if (Files.exists(dir.resolve("meta.properties")) || !fresh && !Files.exists(users)) {
            throw new IllegalStateException("the broker folder " + dir + " was made without security, so its metadata "
                    + "holds no SCRAM users: use a new folder for a secured broker");
        }
        BrokerTls tls = BrokerTls.in(dir.resolve("tls"));
        Properties passwords = fresh ? newPasswords(users) : load(users);
        Properties props = securedSettings(saslPort, certPort, controllerPort, data, tls,
                passwords.getProperty(BROKER_USER));
        formatIfNew(data, List.of(scram(BROKER_USER, passwords.getProperty(BROKER_USER)),
                scram(APP_USER, passwords.getProperty(APP_USER))));
        SecuredListeners listeners = new SecuredListeners(certPort,
                writeClientProperties(dir.resolve("client-scram.properties"), scramClient(saslPort, tls,
                        passwords.getProperty(APP_USER))),
                writeClientProperties(dir.resolve("client-mtls.properties"), mtlsClient(certPort, tls)), tls);
        return startServer(props, saslPort, dir, listeners);
    }

    private static void createFolder(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create broker folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddedKafka startServer(Properties props, int clientPort, Path dir, SecuredListeners secured) {
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
        LOG.info("embedded Kafka broker (KRaft) listening on {}:{}{}, data in {}", HOST, clientPort,
                secured == null ? "" : " (SASL_SSL, SCRAM-SHA-512; mutual TLS on " + secured.mtlsPort() + ")", dir);
        return new EmbeddedKafka(server, clientPort, secured);
    }

    static Properties securedSettings(int saslPort, int mtlsPort, int controllerPort, Path dir, BrokerTls tls,
            String brokerPassword) {
        Properties p = settings(saslPort, controllerPort, dir);
        p.put("listeners", "SASL_SSL://" + HOST + ":" + saslPort + ",MTLS://" + HOST + ":" + mtlsPort
                + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://" + HOST + ":" + saslPort + ",MTLS://" + HOST + ":" + mtlsPort);
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,MTLS:SSL,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "SASL_SSL");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(BROKER_USER, brokerPassword));
        p.put("listener.name.mtls.ssl.client.auth", "required");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", tls.brokerKeystore().toAbsolutePath().toString());
        p.put("ssl.keystore.password", tls.password());
        p.put("ssl.key.password", tls.password());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", tls.truststore().toAbsolutePath().toString());
        p.put("ssl.truststore.password", tls.password());
        return p;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String scram(String user, String password) {
        return "SCRAM-SHA-512=[name=" + user + ",password=" + password + "]";
    }

    private static Properties newPasswords(Path users) {
        Properties passwords = new Properties();
        passwords.put(BROKER_USER, BrokerTls.randomSecret());
        passwords.put(APP_USER, BrokerTls.randomSecret());
        try (var out = Files.newBufferedWriter(users)) {
            passwords.store(out, "SCRAM-SHA-512 users of this broker, made when the folder was formatted");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + users + ": " + e.getMessage(), e);
        }
        return passwords;
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static Properties scramClient(int saslPort, BrokerTls tls, String password) {
        Properties p = trusting(tls);
        p.put("bootstrap.servers", HOST + ":" + saslPort);
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", jaas(APP_USER, password));
        return p;
    }

    private static Properties mtlsClient(int mtlsPort, BrokerTls tls) {
        Properties p = trusting(tls);
        p.put("bootstrap.servers", HOST + ":" + mtlsPort);
        p.put("security.protocol", "SSL");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", tls.clientKeystore().toAbsolutePath().toString());
        p.put("ssl.keystore.password", tls.password());
        p.put("ssl.key.password", tls.password());
        return p;
    }

    private static Properties trusting(BrokerTls tls) {
        Properties p = new Properties();
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", tls.truststore().toAbsolutePath().toString());
        p.put("ssl.truststore.password", tls.password());
        return p;
    }

    private static Path writeClientProperties(Path file, Properties settings) {
        try (var out = Files.newBufferedWriter(file)) {
            settings.store(out, "client settings for this broker: run, replay, export, topics, erase --config " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
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

    private static void formatIfNew(Path dir, List<String> scramUsers) {
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
                    .setScramArguments(scramUsers)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the broker folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A port free on the loopback interface now (for a server about to bind it). */
    public static int freePort() {
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

    /** The secured listeners and their client files; empty for a broker without security. */
    public java.util.Optional<SecuredListeners> secured() {
        return java.util.Optional.ofNullable(secured);
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

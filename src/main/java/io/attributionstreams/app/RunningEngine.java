package io.attributionstreams.app;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.SettingsFingerprint.AnswerSettings;
import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.identity.BlockedIdentifiers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import io.attributionstreams.privacy.PseudonymKeyFile;
import io.attributionstreams.broker.EmbeddedKafka;
import io.attributionstreams.ops.HttpSetup;
import io.attributionstreams.ops.Meters;
import io.attributionstreams.ops.OpsServer;
import io.attributionstreams.ingest.IngestService;
import io.attributionstreams.ingest.IngestSettings;
import io.attributionstreams.query.QueryService;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything {@code run} and {@code demo} start, in order, and stop in reverse: an embedded broker
 * when no bootstrap servers are configured, the HTTP server (first: its port goes into
 * {@code application.server}), the streaming app, its metrics, the queries and dashboard, and the webhook
 * ingest when a source is configured.
 */
public final class RunningEngine implements AutoCloseable {
    private final EmbeddedKafka broker;
    private final StreamingApp app;
    private final KafkaStreamsMetrics streamsMetrics;
    private final OpsServer http;
    private final QueryService queries;
    /** Null when no webhook source is configured. */
    private final IngestService ingest;
    private final AppConfig config;
    private boolean closed;

    private RunningEngine(EmbeddedKafka broker, StreamingApp app, KafkaStreamsMetrics streamsMetrics, OpsServer http,
            QueryService queries, IngestService ingest, AppConfig config) {
        this.broker = broker;
        this.app = app;
        this.streamsMetrics = streamsMetrics;
        this.http = http;
        this.queries = queries;
        this.ingest = ingest;
        this.config = config;
    }

    /**
     * @param file a properties file or null
     * @param cli command-line key/values, highest priority
     */
    public static RunningEngine start(Path file, Map<String, String> env, Map<String, String> cli) throws IOException {
        AppConfig config = AppConfig.load(file, env, cli);
        // before anything starts: a missing token file or keystore is a setup error, said in one line
        HttpSetup httpSetup = config.httpSetup();
        IngestSettings ingestSettings = config.ingestSettings();
        EmbeddedKafka broker = null;
        if (!config.has(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            Path dir = config.has(AppConfig.EMBEDDED_DIR) ? Path.of(config.get(AppConfig.EMBEDDED_DIR))
                    : Files.createTempDirectory("attribution-kafka");
            broker = EmbeddedKafka.start(config.getInt(AppConfig.EMBEDDED_PORT), dir);
            Map<String, String> withBroker = new LinkedHashMap<>(cli);
            withBroker.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            if (!config.has(AppConfig.PSEUDONYM_KEY_FILE)) {
                // the broker's data and the key its pseudonyms were made with live and go together
                withBroker.put(AppConfig.PSEUDONYM_KEY_FILE,
                        PseudonymKeyFile.createIfMissing(dir.resolve("pseudonym.key")).toString());
            }
            config = AppConfig.load(file, env, withBroker);
        }
        // parsed once, here, and handed to the topology and the queries: a bad value stops the start at once
        AttributionSettings settings = config.attributionSettings();
        BlockedIdentifiers blocked = config.blockedIdentifiers();
        PrometheusMeterRegistry registry = Meters.prometheus();
        StreamingApp app = null;
        OpsServer http = null;
        try {
            AtomicReference<KafkaStreams> streams = new AtomicReference<>();
            http = OpsServer.start(httpSetup, config.httpLimits(), registry, streams::get);
            config = config.with(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer(config, http.port()));
            app = StreamingApp.start(config, settings, blocked, registry);
            streams.set(app.streams());
            KafkaStreamsMetrics streamsMetrics = Meters.bind(app.streams(), app.topology(), registry);
            QueryService queries = QueryService.start(http, app.streams(),
                    config.get(StreamsConfig.APPLICATION_SERVER_CONFIG), config.get(StreamsConfig.APPLICATION_ID_CONFIG),
                    new AnswerSettings(settings, config.maxClaimants(), blocked.digest()),
                    KafkaClients.of(config.asMap()), app.forwardingKey());
            IngestService ingest = IngestService.start(http, KafkaClients.of(config.asMap()), ingestSettings, registry);
            return new RunningEngine(broker, app, streamsMetrics, http, queries, ingest, config);
        } catch (RuntimeException e) {
            if (app != null) {
                app.close();
            }
            if (http != null) {
                http.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /**
     * This instance's {@code application.server}: as configured (a Kubernetes pod's stable DNS name),
     * otherwise {@code attribution.http.advertised-host} (default: this machine's host name) and the
     * port the HTTP server listens on, which is only known once it has started when the port is 0.
     */
    static String applicationServer(AppConfig config, int httpPort) {
        if (config.has(StreamsConfig.APPLICATION_SERVER_CONFIG)) {
            return config.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        }
        String host = config.has(AppConfig.HTTP_ADVERTISED_HOST) ? config.get(AppConfig.HTTP_ADVERTISED_HOST)
                : localHostName();
        return host + ':' + httpPort;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public StreamingApp app() {
        return app;
    }

    public AppConfig config() {
        return config;
    }

    public String bootstrapServers() {
        return config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    public boolean embeddedBroker() {
        return broker != null;
    }

    public int httpPort() {
        return http.port();
    }

    /** The port of {@code /health/*} and {@code /metrics}: {@code attribution.http.ops-port}, else the main port. */
    public int opsPort() {
        return http.opsPort();
    }

    /** {@code http} or {@code https}: how the main port is reached. */
    public String httpScheme() {
        return http.setup().scheme();
    }

    /** This instance's {@code application.server}: where the other instances forward queries to. */
    public String applicationServer() {
        return config.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
    }

    /** Stops everything, in reverse order; a second call waits for the first to finish and does nothing more. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ingest != null) {
            ingest.close();
        }
        queries.close();
        http.close();
        streamsMetrics.close();
        app.close();
        if (broker != null) {
            broker.close();
        }
    }
}

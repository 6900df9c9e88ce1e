package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.StreamingApp;
import io.attributionstreams.broker.EmbeddedKafka;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the streaming application, on a given cluster or on an embedded broker it starts itself. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the streaming application. Without bootstrap servers (option, file or "
                + "ATTRIBUTION_BOOTSTRAP_SERVERS) it starts an embedded Kafka broker in the same process.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to use.")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file (Kafka and attribution.* keys).")
    Path config;

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application.id.")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state.dir (RocksDB).")
    Path stateDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any configuration key, highest priority.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AppConfig settings = AppConfig.load(config, System.getenv(), commandLine());
        EmbeddedKafka embedded = null;
        if (!settings.has(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            Path dir = settings.has(AppConfig.EMBEDDED_DIR) ? Path.of(settings.get(AppConfig.EMBEDDED_DIR))
                    : Files.createTempDirectory("attribution-kafka");
            embedded = EmbeddedKafka.start(settings.getInt(AppConfig.EMBEDDED_PORT), dir);
            Map<String, String> withBroker = new LinkedHashMap<>(commandLine());
            withBroker.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers());
            settings = AppConfig.load(config, System.getenv(), withBroker);
        }
        StreamingApp app = StreamingApp.start(settings, Metrics.globalRegistry);
        EmbeddedKafka broker = embedded;
        Thread shutdown = new Thread(() -> {
            app.close();
            if (broker != null) {
                broker.close();
            }
        }, "attribution-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        spec.commandLine().getOut().printf("run: application %s on %s%s; SIGTERM or Ctrl-C stops it%n",
                settings.get(StreamsConfig.APPLICATION_ID_CONFIG), settings.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                broker == null ? "" : " (embedded broker)");
        spec.commandLine().getOut().flush();
        boolean failed = app.awaitStop();
        if (failed) {
            spec.commandLine().getErr().println("error: the streaming application stopped after a fatal error");
            return 1;
        }
        return 0;
    }

    private Map<String, String> commandLine() {
        Map<String, String> cli = new LinkedHashMap<>(overrides);
        if (bootstrapServers != null) {
            cli.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (applicationId != null) {
            cli.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        }
        if (stateDir != null) {
            cli.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        }
        return cli;
    }
}

package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.RunningEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the streaming application, on a given cluster or on an embedded broker it starts itself. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the streaming application. Without bootstrap servers (option, file or "
                + "ATTRIBUTION_BOOTSTRAP_SERVERS) it starts an embedded Kafka broker in the same process.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    AttributionOptions attribution;

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application.id.")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state.dir (RocksDB).")
    Path stateDir;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of the dashboard, the queries, /metrics and /health (attribution.http.port; default "
                    + AppConfig.DEFAULT_HTTP_PORT + ").")
    Integer httpPort;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunningEngine engine = RunningEngine.start(connection.config.file, System.getenv(),
                connection.config.commandLine(named()));
        StopSignals.onStop(engine::close);
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "attribution-shutdown"));
        spec.commandLine().getOut().printf("run: application %s on %s%s; dashboard, queries, metrics and health on "
                        + "http://localhost:%d (/, /customers/{id}/attribution, /channels, /metrics, /health/ready), "
                        + "advertised to other instances as %s; SIGTERM or Ctrl-C stops it%n",
                engine.config().get(StreamsConfig.APPLICATION_ID_CONFIG), engine.bootstrapServers(),
                engine.embeddedBroker() ? " (embedded broker)" : "", engine.httpPort(), engine.applicationServer());
        spec.commandLine().getOut().flush();
        if (engine.app().awaitStop()) {
            spec.commandLine().getErr().println("error: the streaming application stopped after a fatal error");
            return 1;
        }
        engine.close(); // waits while the stop signal's thread is still closing the rest (HTTP, embedded broker)
        if (!engine.app().closedCleanly()) {
            spec.commandLine().getErr().println("error: Kafka Streams did not close in time; the next start resumes "
                    + "from the last commit");
            return 1;
        }
        spec.commandLine().getOut().println("stopped: Kafka Streams closed, offsets committed");
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The named options given, as the configuration keys they set: the top layer. */
    private Map<String, String> named() {
        Map<String, String> named = new LinkedHashMap<>(attribution.keys());
        named.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers);
        named.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        named.put(StreamsConfig.STATE_DIR_CONFIG, stateDir == null ? null : stateDir.toString());
        named.put(AppConfig.HTTP_PORT, httpPort == null ? null : httpPort.toString());
        return named;
    }
}

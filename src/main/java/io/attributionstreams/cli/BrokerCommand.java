package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.broker.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code broker}: a single-node Kafka broker in KRaft mode, until Ctrl-C. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a real single-node Apache Kafka broker (KRaft, no ZooKeeper) from the jar, until Ctrl-C.")
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "" + AppConfig.DEFAULT_KAFKA_PORT, paramLabel = "PORT",
            description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Data folder; reused across restarts (default: a new temporary folder).")
    Path dir;

    @Option(names = "--secure", description = "Take only authenticated clients over TLS: SASL_SSL with SCRAM-SHA-512 on "
            + "--port, mutual TLS on --mtls-port; a CA and certificates are made in the folder, with client-scram.properties "
            + "and client-mtls.properties to pass as --config.")
    boolean secure;

    @Option(names = "--mtls-port", defaultValue = "0", paramLabel = "PORT",
            description = "With --secure: the mutual-TLS port on 127.0.0.1 (default: any free port).")
    int mtlsPort;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path data = dir != null ? dir : Files.createTempDirectory("attribution-kafka");
        EmbeddedKafka kafka = secure ? EmbeddedKafka.startSecured(port, mtlsPort, data) : EmbeddedKafka.start(port, data);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "broker-shutdown"));
        spec.commandLine().getOut().printf("broker: Kafka (KRaft) on %s%s, data in %s; Ctrl-C stops it%n",
                kafka.bootstrapServers(), kafka.secured().map(s -> " (SASL_SSL, SCRAM-SHA-512: --config "
                        + s.scramProperties() + "; mutual TLS on 127.0.0.1:" + s.mtlsPort() + ": --config "
                        + s.mtlsProperties() + ")").orElse(""), data);
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}

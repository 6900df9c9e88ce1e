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

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path data = dir != null ? dir : Files.createTempDirectory("attribution-kafka");
        EmbeddedKafka kafka = EmbeddedKafka.start(port, data);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "broker-shutdown"));
        spec.commandLine().getOut().printf("broker: Kafka (KRaft) on %s, data in %s; Ctrl-C stops it%n",
                kafka.bootstrapServers(), data);
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}

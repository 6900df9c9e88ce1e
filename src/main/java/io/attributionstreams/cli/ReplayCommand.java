package io.attributionstreams.cli;

import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.batch.InputException;
import io.attributionstreams.broker.BrokerCheck;
import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.broker.TopicCreator;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code replay}: the four CSV files to the input topics, as JSON, with an idempotent producer. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Produce the four CSV files to the input topics as JSON records keyed by fact id.")
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder with the four CSV files.")
    Path input;

    @Option(names = "--shuffle", paramLabel = "SEED",
            description = "Shuffle across all four files (each id's rows keep their order), with this seed.")
    Long shuffle;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N",
            description = "Records per second (default: as fast as the broker takes them).")
    int rate;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(input)) {
            throw new InputException("input folder not found: " + input);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must not be negative");
        }
        List<CsvRow> rows = ReplayPlan.inFileOrder(input);
        if (shuffle != null) {
            rows = ReplayPlan.shuffled(rows, shuffle);
        }
        KafkaClients clients = connection.clients();
        BrokerCheck.require(clients);
        TopicCreator.createMissing(clients, 0, 0);
        PrintWriter err = spec.commandLine().getErr();
        Replayer.Totals totals = Replayer.send(clients, rows, rate, err);
        err.printf(Locale.ROOT, "replay: %,d records sent in %.2f s (%s)%n", totals.total(), totals.millis() / 1000.0,
                totals.sent().entrySet().stream().map(e -> e.getKey().fileName().replace(".csv", "") + " "
                        + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("none"));
        err.flush();
        return 0;
    }
}

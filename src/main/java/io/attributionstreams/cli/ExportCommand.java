package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.broker.BrokerCheck;
import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.contract.OutputFiles;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.export.ParquetFiles;
import io.attributionstreams.topology.StreamsSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export}: the output topics' latest records as the batch engine's files, in CSV or Parquet. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Read attribution-updates and the channel, campaign, month and path totals (read_committed, "
                + "latest per key) and write attribution, channels, campaigns, months and paths in the batch "
                + "format, as CSV or Parquet.")
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the files.")
    Path output;

    /** The files' format. */
    enum Format { csv, parquet }

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
            description = "csv (the batch engine's files, byte for byte) or parquet (the same rows, typed columns, "
                    + "one .parquet file each); default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--await-quiet", paramLabel = "DURATION",
            description = "First wait until the application has consumed all input and the outputs have not "
                    + "changed for this long (5s, 500ms, PT5S).")
    String awaitQuiet;

    @Option(names = "--timeout", defaultValue = "10m", paramLabel = "DURATION",
            description = "Give up waiting after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "The application whose consumer group --await-quiet watches (application.id; default: "
                    + StreamsSettings.DEFAULT_APPLICATION_ID + ").")
    String applicationId;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> named = new LinkedHashMap<>();
        named.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        AppConfig config = connection.load(named);
        KafkaClients clients = KafkaClients.of(config.asMap());
        BrokerCheck.require(clients);
        if (awaitQuiet != null) {
            Exporter.awaitQuiet(clients, config.get(StreamsConfig.APPLICATION_ID_CONFIG),
                    duration(awaitQuiet, "--await-quiet"), duration(timeout, "--timeout"), err);
        }
        Exporter.Snapshot snapshot = Exporter.read(clients);
        Files.createDirectories(output);
        if (format == Format.parquet) {
            // the CSV rows, written by the batch engine's own writers, are what the Parquet files hold
            Path csv = Files.createTempDirectory("attribution-export");
            try {
                snapshot.write(csv);
                ParquetFiles.convert(csv, OutputFiles.EXPORTED, output);
            } finally {
                for (String file : OutputFiles.EXPORTED) {
                    Files.deleteIfExists(csv.resolve(file));
                }
                Files.deleteIfExists(csv);
            }
        } else {
            snapshot.write(output);
        }
        err.printf(Locale.ROOT, "export: %,d records read; %,d attribution records and %,d channel totals written to %s%n",
                snapshot.recordsRead(), snapshot.updates().size(), snapshot.totals().size(), output);
        err.flush();
        return 0;
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m}, or ISO-8601 {@code PT5S}. */
    static Duration duration(String value, String option) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(option + " takes a duration such as 5s, 500ms, 2m or PT5S, got '"
                    + value + "'");
        }
    }
}

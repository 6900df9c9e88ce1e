package io.attributionstreams.cli;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.InputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code batch}: the four CSV files in, attribution.csv, channels.csv and rejects.csv out. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Compute attribution from the four CSV files (customers, interactions, appointments, payments).")
public final class BatchCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Folder with customers.csv, interactions.csv, appointments.csv, payments.csv.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Folder for attribution.csv, channels.csv, rejects.csv (created if missing).")
    Path output;

    @Option(names = "--quiet", description = "No progress or summary on stderr.")
    boolean quiet;

    @Mixin
    AttributionOptions options;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AttributionSettings settings = options.settings();
        if (!Files.isDirectory(input)) {
            throw new InputException("input folder not found: " + input);
        }
        Files.createDirectories(output);
        PrintWriter err = spec.commandLine().getErr();
        BatchRun.Summary summary = BatchRun.run(input, output, settings, quiet ? null : err);
        if (!quiet) {
            err.println(summary.describe());
        }
        return 0;
    }
}

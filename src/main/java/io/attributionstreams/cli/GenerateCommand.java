package io.attributionstreams.cli;

import io.attributionstreams.attribution.SettingsText;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: realistic, messy sample facts in the batch CSV form. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write realistic, messy customers, interactions, appointments and payments as CSV.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the CSV files to.")
    Path out;

    @Option(names = "--customers", defaultValue = "1000", paramLabel = "N",
            description = "Distinct customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--interactions", defaultValue = "10000", paramLabel = "M",
            description = "Distinct interactions (default: ${DEFAULT-VALUE}).")
    int interactions;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Random seed; the same seed writes identical files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--revisions", defaultValue = "0.05", paramLabel = "SHARE",
            description = "Share of facts followed by later upsert rows for the same id (default: ${DEFAULT-VALUE}).")
    double revisions;

    @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE",
            description = "Zone that times without an offset are written in (default: ${DEFAULT-VALUE}).")
    String zone;

    @Option(names = "--switchboards", defaultValue = "0", paramLabel = "N",
            description = "Shared numbers each claimed by 5 to 40 customers and carried by a tenth of the "
                    + "interactions, to try --max-claimants on (default: ${DEFAULT-VALUE}).")
    int switchboards;

    @Option(names = "--spend", description = "Also write spend.csv: daily spend per channel and campaign, with "
            + "corrections and a channel that spends and reaches nobody (default: off).")
    boolean spendFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GeneratorSpec generatorSpec = new GeneratorSpec(customers, interactions, seed, revisions, SettingsText.zone(zone),
                switchboards, spendFile);
        Files.createDirectories(out);
        long start = System.nanoTime();
        DataGenerator.Written written = new DataGenerator(generatorSpec).writeTo(out);
        spec.commandLine().getErr().printf(Locale.ROOT,
                "generate: %,d customers, %,d interactions, %,d appointments, %,d payments, %,d spend rows "
                        + "(%,d in all) written to %s in %.2f s%n",
                written.customers(), written.interactions(), written.appointments(), written.payments(),
                written.spend(), written.total(), out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}

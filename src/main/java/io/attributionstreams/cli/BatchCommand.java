package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.GuardrailSettings;
import io.attributionstreams.batch.Guardrails;
import io.attributionstreams.batch.InputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code batch}: the four CSV files in, attribution.csv, channels.csv and rejects.csv out (and
 * capped.csv under a claimant cap).
 */
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

    @Option(names = "--blocked", paramLabel = "FILE",
            description = "Phones and emails that link nobody, one a line (attribution.identity.blocked-file; default: none).")
    Path blocked;

    @Option(names = "--max-claimants", paramLabel = "K",
            description = "A phone or email claimed by more than K customers links none of them; capped.csv "
                    + "lists them as pseudonyms (attribution.identity.max-claimants; default: no cap).")
    Integer maxClaimants;

    @Option(names = "--erasures", paramLabel = "FILE",
            description = "Erased subjects, CSV customer_id,phone,email: treated as absent everywhere (default: none).")
    Path erasures;

    @Option(names = "--pseudonym-key-file", paramLabel = "FILE",
            description = "Secret key (at least 32 characters) for pseudonyms (attribution.pseudonym.key-file; default: "
                    + "a random key for this run).")
    Path pseudonymKeyFile;

    @Mixin
    AttributionOptions options;

    @Mixin
    ConfigOptions layers;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (maxClaimants != null && maxClaimants < 1) {
            throw new IllegalArgumentException("--max-claimants must be a whole number of at least 1, got " + maxClaimants);
        }
        // the same layers as the streaming app's: a file and environment that configure it configure batch alike
        Map<String, String> named = new LinkedHashMap<>(options.keys());
        named.put(AppConfig.BLOCKED_FILE, blocked == null ? null : blocked.toString());
        named.put(AppConfig.MAX_CLAIMANTS, maxClaimants == null ? null : maxClaimants.toString());
        named.put(AppConfig.PSEUDONYM_KEY_FILE, pseudonymKeyFile == null ? null : pseudonymKeyFile.toString());
        AppConfig config = layers.load(named);
        AttributionSettings settings = config.attributionSettings();
        Path keyFile = config.has(AppConfig.PSEUDONYM_KEY_FILE) ? Path.of(config.get(AppConfig.PSEUDONYM_KEY_FILE)) : null;
        Integer cap = config.maxClaimants() == 0 ? null : config.maxClaimants();
        GuardrailSettings guardrailSettings = new GuardrailSettings(
                config.has(AppConfig.BLOCKED_FILE) ? Path.of(config.get(AppConfig.BLOCKED_FILE)) : null, cap, erasures,
                keyFile);
        if (!Files.isDirectory(input)) {
            throw new InputException("input folder not found: " + input);
        }
        Guardrails guardrails = guardrailSettings.load(settings.region());
        PrintWriter err = spec.commandLine().getErr();
        if (cap != null && keyFile == null && !quiet) {
            err.println("batch: no --pseudonym-key-file, so capped.csv uses a random key for this run: its pseudonyms "
                    + "are not comparable across runs (the results do not depend on the key)");
        }
        Files.createDirectories(output);
        BatchRun.Summary summary = BatchRun.run(input, output, settings, guardrails, quiet ? null : err);
        if (!quiet) {
            err.println(summary.describe());
        }
        return 0;
    }
}

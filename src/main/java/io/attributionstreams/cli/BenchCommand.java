package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.bench.CrashDrill;
import io.attributionstreams.bench.SkeletonApp;
import io.attributionstreams.bench.StreamBench;
import io.attributionstreams.broker.EmbeddedKafka;
import io.attributionstreams.broker.TopicCreator;
import io.attributionstreams.generate.DataGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: measured figures, printed; never a timed unit test. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Batch.class, BenchCommand.Stream.class, BenchCommand.Crash.class,
            BenchCommand.SkeletonAppCommand.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code bench batch}: generate, then time the batch engine on the same folder. */
    @Command(name = "batch", mixinStandardHelpOptions = true,
            description = "Generate a data set, run the batch engine on it, print wall time, facts/s and peak heap. "
                    + "Run it as: java -Xmx2g -jar target/attribution-streams.jar bench batch")
    static final class Batch implements Callable<Integer> {
        @Mixin
        BenchDataOptions data;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "Where to generate the data set (default: a temporary folder, deleted afterwards).")
        Path dir;

        @Option(names = "--runs", defaultValue = "2",
                description = "Batch runs on the same files; the first warms the JVM up (default: ${DEFAULT-VALUE}).")
        int runs;

        @Mixin
        AttributionOptions options;

        @Mixin
        ConfigOptions layers;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            AttributionSettings settings = layers.load(options.keys()).attributionSettings();
            boolean temporary = dir == null;
            Path data = temporary ? Files.createTempDirectory("attribution-bench") : Files.createDirectories(dir);
            try {
                long genStart = System.nanoTime();
                DataGenerator.Written written = this.data.writeTo(data);
                double genSeconds = (System.nanoTime() - genStart) / 1e9;
                spec.commandLine().getOut().printf(Locale.ROOT, "generate: %,d rows (%,d interactions, %,d customers) in %.2f s%n",
                        written.total(), this.data.interactions, this.data.customers, genSeconds);
                Path output = Files.createTempDirectory("attribution-bench-out");
                for (int run = 1; run <= runs; run++) {
                    System.gc();
                    resetPeaks();
                    BatchRun.Summary summary = BatchRun.run(data, output, settings, null);
                    double seconds = summary.millis() / 1000.0;
                    spec.commandLine().getOut().printf(Locale.ROOT,
                            "batch run %d: %,d facts in %.2f s = %,.0f facts/s; peak heap %,d MB of max %,d MB; "
                                    + "%,d customers converted, %,d attribution rows%n",
                            run, summary.rows(), seconds, summary.rows() / seconds, peakHeapBytes() >> 20,
                            Runtime.getRuntime().maxMemory() >> 20, summary.converted(), summary.attributionRows());
                }
                deleteTree(output);
            } finally {
                if (temporary) {
                    deleteTree(data);
                }
            }
            return 0;
        }
    }

    /** {@code bench stream}: broker limit, skeleton ceiling, engine end to end, latency and batch, in one run. */
    @Command(name = "stream", mixinStandardHelpOptions = true,
            description = "On an embedded broker: the broker's own pass-through, a skeleton topology of the engine's shape "
                    + "(the framework's ceiling), the engine end to end (exactly_once_v2, app in its own JVM, peak RSS) "
                    + "and its ratio to the skeleton, latency at a steady rate, and batch on the same data.")
    static final class Stream implements Callable<Integer> {
        @Mixin
        BenchDataOptions data;

        @Option(names = "--latency-rate", defaultValue = "1000", description = "Facts/s of the latency phase (default: ${DEFAULT-VALUE}).")
        int latencyRate;

        @Option(names = "--latency-seconds", defaultValue = "20", description = "Length of the latency phase (default: ${DEFAULT-VALUE}).")
        int latencySeconds;

        @Option(names = "--latency-warmup-seconds", defaultValue = "60", paramLabel = "S",
                description = "Before the latency phase measures: S seconds of the same upserts at the same rate, "
                        + "unmeasured, then until the app has caught up, so that the phase measures a warm JVM; "
                        + "0 measures from the first upsert (default: ${DEFAULT-VALUE}).")
        int latencyWarmUpSeconds;

        @Option(names = "--max-claimants", paramLabel = "K", defaultValue = "0",
                description = "Run the app and the batch reference with the claimant cap K (attribution.identity.max-claimants); "
                        + "0 for none (default: ${DEFAULT-VALUE}).")
        int maxClaimants;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--keep-files", description = "Keep the work folder (data, broker logs, state, app log); "
                + "by default it is deleted at the end (several GB at full size).")
        boolean keepFiles;

        @Mixin
        ConfigOptions layers;

        @Option(names = "--profile", paramLabel = "FILE", description = "Record the app process with Java Flight "
                + "Recorder (profiling settings) into FILE, written when the app stops; read it with 'jfr print' "
                + "or JDK Mission Control.")
        Path profile;

        @Override
        public Integer call() throws Exception {
            if (profile != null && (profile.toAbsolutePath().getParent() == null
                    || !Files.isDirectory(profile.toAbsolutePath().getParent()))) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--profile: no folder " + profile.toAbsolutePath().getParent() + " to write the recording in");
            }
            if (latencyWarmUpSeconds < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--latency-warmup-seconds must be 0 or more, got " + latencyWarmUpSeconds);
            }
            if (maxClaimants < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--max-claimants must be 0 (none) or more, got " + maxClaimants);
            }
            Path work = Files.createTempDirectory("attribution-bench-stream");
            try {
                // the app process and the batch reference compute with the same layers (file, environment, --set)
                Map<String, String> named = maxClaimants == 0 ? Map.of()
                        : Map.of(AppConfig.MAX_CLAIMANTS, Integer.toString(maxClaimants));
                AppConfig reference = layers.load(named);
                new StreamBench(spec.commandLine().getOut(), data.spec(), latencyRate, latencySeconds,
                        reference.attributionSettings(), reference.maxClaimants(), layers.runArguments(named))
                        .profileInto(profile == null ? null : profile.toAbsolutePath()).warmUp(latencyWarmUpSeconds)
                        .run(work);
            } finally {
                if (keepFiles) {
                    spec.commandLine().getOut().println("work folder kept: " + work);
                } else {
                    deleteTree(work);
                }
            }
            return 0;
        }
    }

    /** {@code bench crash}: the crash drill at full size, on an embedded broker it starts itself. */
    @Command(name = "crash", mixinStandardHelpOptions = true,
            description = "Generate a data set, replay it shuffled while the app (its own process) is killed with "
                    + "SIGKILL several times, then check that the export equals batch byte for byte, that no version "
                    + "repeats or skips, and that the dead letters are exactly batch's rejects. Exits 1 if not.")
    static final class Crash implements Callable<Integer> {
        @Mixin
        BenchDataOptions data;

        @Option(names = "--kills", defaultValue = "5", description = "SIGKILLs, spread over the run (default: ${DEFAULT-VALUE}).")
        int kills;

        @Option(names = "--rate", defaultValue = "0", description = "Replay facts/s; 0 for as fast as the broker takes them (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--keep-files", description = "Keep the work folder even when the drill passes "
                + "(a failed drill always keeps it, for inspection).")
        boolean keepFiles;

        @Mixin
        ConfigOptions layers;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            java.io.PrintWriter out = spec.commandLine().getOut();
            Path work = Files.createTempDirectory("attribution-crash");
            Path input = Files.createDirectories(work.resolve("input"));
            Path batch = Files.createDirectories(work.resolve("batch"));
            DataGenerator.Written written = data.writeTo(input);
            // the app process and the batch reference compute with the same layers (file, environment, --set)
            BatchRun.Summary summary = BatchRun.run(input, batch, layers.load(Map.of()).attributionSettings(), null);
            out.printf(Locale.ROOT, "data: %,d facts (%,d interactions, %,d customers) in %s; batch rejects %,d%n",
                    written.total(), data.interactions, data.customers, work, summary.rejected());
            out.flush();
            try (EmbeddedKafka kafka = EmbeddedKafka.start(0, work.resolve("kafka"))) {
                TopicCreator.createMissing(kafka.bootstrapServers(), 0, 0);
                CrashDrill drill = new CrashDrill(out, kafka.bootstrapServers(), "attribution-crash", work, kills,
                        data.seed, rate).withAppOptions(layers.runArguments(Map.of()).toArray(String[]::new));
                CrashDrill.Result result = drill.run(input, batch, summary.rejected());
                drill.report(result);
                if (!result.passed() || keepFiles) {
                    out.println("work folder kept: " + work);
                    return result.passed() ? 0 : 1;
                }
            }
            deleteTree(work); // after the broker has stopped
            return 0;
        }
    }

    /** {@code bench skeleton-app}: the process {@code bench stream} starts for its skeleton; not for people. */
    @Command(name = "skeleton-app", hidden = true,
            description = "Run the skeleton topology of bench stream until SIGTERM.")
    static final class SkeletonAppCommand implements Callable<Integer> {
        @Option(names = "--bootstrap-servers", required = true)
        String bootstrapServers;

        @Option(names = "--application-id", required = true)
        String applicationId;

        @Option(names = "--state-dir", required = true)
        Path stateDir;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return SkeletonApp.run(bootstrapServers, applicationId, stateDir, spec.commandLine().getOut()) ? 1 : 0;
        }
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the live peak. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

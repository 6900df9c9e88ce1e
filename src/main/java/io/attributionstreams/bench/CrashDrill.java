package io.attributionstreams.bench;

import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.contract.OutputTopics;
import io.attributionstreams.export.ExportFiles;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.export.VersionChain;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Crash safety as Kafka's own exactly-once system tests check it: the app runs as a separate
 * process and is killed with SIGKILL at points spread over a shuffled replay (each kill once its
 * committed input has passed the next share of the data, after a random pause), restarting on its
 * local state each time. Afterwards the export must equal the batch files byte for byte, no key's
 * version may repeat, skip or go backwards in the read_committed output, and the dead-letter topic
 * must hold exactly the records batch rejects: every input record accounted for.
 */
public final class CrashDrill {
    private final PrintWriter out;
    private final String bootstrap;
    private final String applicationId;
    private final Path work;
    private final int kills;
    private final long seed;
    private final int replayRate;
    private final List<String> appOptions = new ArrayList<>();
    private Duration progressEvery = Duration.ofSeconds(30);

    /**
     * @param replayRate facts/s of the replay, or 0 for as fast as the broker takes them
     */
    public CrashDrill(PrintWriter out, String bootstrap, String applicationId, Path work, int kills, long seed,
            int replayRate) {
        this.out = out;
        this.bootstrap = bootstrap;
        this.applicationId = applicationId;
        this.work = work;
        this.kills = kills;
        this.seed = seed;
        this.replayRate = replayRate;
    }

    /** How often a progress line is printed while the replay and the kills run (default 30 s). */
    public CrashDrill withProgressEvery(Duration every) {
        this.progressEvery = every;
        return this;
    }

    /** Further {@code run} options for every start of the app, such as {@code --set KEY=VALUE}. */
    public CrashDrill withAppOptions(String... options) {
        appOptions.addAll(List.of(options));
        return this;
    }

    /** What the drill found; {@link #passed()} when nothing was lost or doubled. */
    public record Result(long facts, List<Long> killedAtInput, List<Double> restartSeconds, double seconds,
            List<String> differences, List<String> versionProblems, long deadLetters, long rejected,
            long peakRssKb) {
        public boolean passed() {
            return differences.isEmpty() && versionProblems.isEmpty() && deadLetters == rejected;
        }
    }

    /**
     * @param input the four CSV files
     * @param batch the batch engine's answer on them
     * @param rejected how many rows batch rejected
     */
    public Result run(Path input, Path batch, long rejected) throws IOException, InterruptedException {
        List<CsvRow> rows = ReplayPlan.shuffled(ReplayPlan.inFileOrder(input), seed);
        Random random = new Random(seed);
        Path state = work.resolve("state");
        Path log = work.resolve("app.log");
        long start = System.nanoTime();
        List<Long> killedAt = new ArrayList<>();
        List<Double> restarts = new ArrayList<>();
        long peakRss = 0;
        // static membership, as in k8s/statefulset.yaml: the restarted process takes its tasks back at once
        List<String> options = new ArrayList<>(List.of("--set", "group.instance.id=" + applicationId + "-0"));
        options.addAll(appOptions);
        String[] instance = options.toArray(String[]::new);
        AppProcess app = AppProcess.start(bootstrap, applicationId, state, log, instance);
        CompletableFuture<Replayer.Totals> replay = CompletableFuture.supplyAsync(
                () -> Replayer.send(bootstrap, rows, replayRate, null));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             ProgressReport progress = ProgressReport.start(bootstrap, applicationId, rows.size(),
                     progressEvery, out)) {
            for (int kill = 1; kill <= kills; kill++) {
                long target = rows.size() * (long) kill / (kills + 1);
                long reached = awaitCommittedInput(admin, target);
                Thread.sleep(random.nextInt(2_000));
                peakRss = Math.max(peakRss, app.peakRssKb());
                app.kill();
                killedAt.add(reached);
                long restart = System.nanoTime();
                app = AppProcess.start(bootstrap, applicationId, state, log, instance);
                app.awaitReady(Duration.ofMinutes(10));
                restarts.add((System.nanoTime() - restart) / 1e9);
                print("kill %d of %d: SIGKILL once %,d of %,d facts were committed; ready again after %.1f s", kill,
                        kills, reached, rows.size(), restarts.get(restarts.size() - 1));
            }
        }
        replay.join();
        try (AppProcess last = app) {
            Exporter.awaitQuiet(bootstrap, applicationId, Duration.ofSeconds(3), Duration.ofHours(2), null);
            peakRss = Math.max(peakRss, last.peakRssKb());
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Exporter.Snapshot snapshot = Exporter.read(bootstrap);
        Path stream = Files.createDirectories(work.resolve("export"));
        snapshot.write(stream);
        List<String> differences = ExportFiles.differences(batch, stream);
        List<String> versions = VersionChain.check(bootstrap);
        long deadLetters = TopicReader.forEach(bootstrap, OutputTopics.DLQ, r -> { });
        return new Result(rows.size(), killedAt, restarts, seconds, differences, versions, deadLetters, rejected,
                peakRss);
    }

    /** Waits until the app's committed offsets on the input topics add up to {@code target}; returns the sum. */
    private long awaitCommittedInput(Admin admin, long target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofHours(1).toNanos();
        while (System.nanoTime() < deadline) {
            long committed = Exporter.committedInput(admin, applicationId);
            if (committed >= target) {
                return committed;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the app did not reach " + target + " committed facts within an hour");
    }

    /** The drill's outcome in a few lines. */
    public void report(Result result) {
        print("%,d facts, %d SIGKILLs (at %s committed facts), %.1f s in all; restarts ready after %s s; "
                + "app peak RSS %,d MB", result.facts(), result.killedAtInput().size(),
                result.killedAtInput().stream().map(n -> String.format(Locale.ROOT, "%,d", n)).toList(),
                result.seconds(), result.restartSeconds().stream()
                        .map(s -> String.format(Locale.ROOT, "%.1f", s)).toList(), result.peakRssKb() / 1024);
        print("export equals batch: %s%s", result.differences().isEmpty() ? "yes, byte for byte" : "NO",
                result.differences().isEmpty() ? "" : " " + result.differences());
        print("version chains (read_committed): %s", result.versionProblems().isEmpty() ? "every key 1, 2, 3, ..."
                : result.versionProblems().size() + " problems, first " + result.versionProblems().get(0));
        print("dead letters: %,d, batch rejects: %,d%s", result.deadLetters(), result.rejected(),
                result.deadLetters() == result.rejected() ? "" : "  MISMATCH");
        print(result.passed() ? "PASSED: nothing lost or doubled" : "FAILED");
    }

    private void print(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }
}

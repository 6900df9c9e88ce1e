package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.bench.CrashDrill;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, as Kafka's own exactly-once tests check it, at a size that fits CI: the crash
 * drill ({@code bench crash} runs it at full size) kills the app process with SIGKILL three times
 * at points spread over a shuffled replay, restarting it on its local state each time. Afterwards
 * the export equals batch exactly, no key's version repeats, skips or goes backwards in the
 * read_committed output, and every input record is accounted for: the rejected ones are in the
 * dead-letter topic exactly once.
 */
class CrashSafetyIT extends RealBrokerTest {

    @Test
    void threeKillsDuringAReplayLoseAndDoubleNothing(@TempDir Path tmp) throws Exception {
        DataSet data = generate(tmp, 1_000, 8_000, 314, 0.1);
        StringWriter report = new StringWriter();
        // pacing from 5 touchpoints, so that many recomputes are deferred (in pending-recomputes) when a kill lands
        CrashDrill drill = new CrashDrill(new PrintWriter(report), kafka.bootstrapServers(), "crash", tmp, 3, 27, 300)
                .withAppOptions("--set", "attribution.recompute.pace-from=5",
                        "--set", "attribution.recompute.per-touchpoint=PT0.05S")
                .withProgressEvery(Duration.ofSeconds(3));

        CrashDrill.Result result = drill.run(data.input(), data.batch(), data.summary().rejected());

        assertThat(result.killedAtInput()).hasSize(3);
        // each kill landed after more committed input than the one before, the first one mid-replay (a restart
        // takes seconds, so on a slow machine a later kill may find the input read and the app still busy downstream)
        assertThat(result.killedAtInput()).isSorted().allMatch(n -> n > 0);
        assertThat(result.killedAtInput().get(0)).isLessThan(result.facts());
        assertThat(result.differences()).isEmpty();
        assertThat(result.versionProblems()).isEmpty();
        assertThat(data.summary().rejected()).isPositive();
        assertThat(result.deadLetters()).isEqualTo(data.summary().rejected());
        assertTopicsEqualBatch(data, tmp);
        assertThat(Files.readString(tmp.resolve("app.log"))).contains("SIGTERM or Ctrl-C stops it");
        drill.report(result);
        System.out.print(report);
        assertThat(report.toString()).contains("PASSED")
                .containsPattern("progress after \\d+ s: [\\d,]+ of " + String.format(java.util.Locale.ROOT, "%,d",
                        result.facts()) + " facts processed \\(\\d+%\\), lag [\\d,]+, [\\d,]+ facts/s; ");
    }
}

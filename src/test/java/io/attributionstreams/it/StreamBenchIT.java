package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.testsupport.Cli;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bench stream} end to end at a size that fits CI: its own embedded broker, the skeleton and the engine each
 * in a process of their own, the latency step, batch on the same files. Every step prints its figures, the latency
 * step measures updates, and the engine's export equals batch.
 */
class StreamBenchIT {

    @Test
    void everyStepPrintsItsFiguresAndTheExportEqualsBatch() {
        Cli.Run run = Cli.run("bench", "stream", "--interactions", "3000", "--customers", "300",
                "--latency-rate", "100", "--latency-seconds", "2", "--latency-warmup-seconds", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("1\\. broker: produce [\\d,]+ records/s")
                .containsPattern("2\\. skeleton .*: [\\d,]+ facts in [\\d.]+ s")
                .containsPattern("3\\. engine: [\\d,]+ facts converged in [\\d.]+ s")
                .containsPattern("engine / skeleton: \\d+%")
                .containsPattern("warm-up: 100 upserts at 100 facts/s")
                .containsPattern("5\\. batch on the same files: [\\d,]+ facts")
                .contains("export after step 3 equals batch: yes, byte for byte");
        Matcher step4 = Pattern.compile("4\\. latency at 100 facts/s for 2 s \\(([\\d,]+) updates\\): p50 (\\d+) ms")
                .matcher(run.out());
        assertThat(step4.find()).as(run.out()).isTrue();
        // 200 upserts of payments and bookings, most of which change an answer
        assertThat(Integer.parseInt(step4.group(1).replace(",", ""))).isPositive();
        assertThat(Long.parseLong(step4.group(2))).isPositive();
        // what the upserts made the app write: at least their updates, and the pending sums' journal among the rest
        Matcher written = Pattern.compile("records written per upsert while step 4 measured .*: ([\\d.]+); by topic: "
                + "(.*)").matcher(run.out());
        assertThat(written.find()).as(run.out()).isTrue();
        assertThat(Double.parseDouble(written.group(1))).isGreaterThan(1.0);
        assertThat(written.group(2)).contains("attribution-updates ", "pending-channel-deltas-changelog ");
    }
}

package io.attributionstreams.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.GuardrailSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --switchboards N}: shared numbers a claimant cap bites on; with 0, today's files. */
class GeneratorSwitchboardsTest {
    private static final List<String> FILES = List.of("customers.csv", "interactions.csv", "appointments.csv",
            "payments.csv");

    @Test
    void noSwitchboardsWritesTheSameBytesAsBefore(@TempDir Path a, @TempDir Path b) throws IOException {
        new DataGenerator(new GeneratorSpec(300, 3_000, 42, 0.05, ZoneOffset.UTC)).writeTo(a);
        new DataGenerator(new GeneratorSpec(300, 3_000, 42, 0.05, ZoneOffset.UTC, 0)).writeTo(b);

        for (String file : FILES) {
            assertThat(b.resolve(file)).hasSameBinaryContentAs(a.resolve(file));
        }
    }

    @Test
    void switchboardsAreCappedUnderACapOfTwenty(@TempDir Path in, @TempDir Path out) throws IOException {
        new DataGenerator(new GeneratorSpec(500, 5_000, 42, 0.05, ZoneOffset.UTC, 3)).writeTo(in);

        BatchRun.Summary summary = BatchRun.run(in, out, AttributionSettings.defaults(),
                new GuardrailSettings(null, 20, null, null).load("US"), null);

        assertThat(summary.cappedIdentifiers()).isEqualTo(2);
        assertThat(Files.readAllLines(out.resolve("capped.csv")).stream().skip(1)
                .map(l -> Integer.parseInt(l.substring(l.indexOf(',') + 1)))).allMatch(n -> n > 20 && n <= 40);
    }
}

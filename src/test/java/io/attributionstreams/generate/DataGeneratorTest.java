package io.attributionstreams.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.batch.Reject;
import io.attributionstreams.normalise.NormalisationCounters;
import io.attributionstreams.testsupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator writes the mess the issue lists, identically for the same seed. */
class DataGeneratorTest {

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes(@TempDir Path a, @TempDir Path b, @TempDir Path c) throws IOException {
        assertThat(Cli.run("generate", "--out", a.toString(), "--customers", "300", "--interactions", "3000",
                "--seed", "42").exitCode()).isZero();
        assertThat(Cli.run("generate", "--out", b.toString(), "--customers", "300", "--interactions", "3000",
                "--seed", "42").exitCode()).isZero();
        assertThat(Cli.run("generate", "--out", c.toString(), "--customers", "300", "--interactions", "3000",
                "--seed", "43").exitCode()).isZero();

        for (String f : List.of("customers.csv", "interactions.csv", "appointments.csv", "payments.csv")) {
            assertThat(a.resolve(f)).hasSameBinaryContentAs(b.resolve(f));
        }
        assertThat(Files.readString(a.resolve("interactions.csv"))).isNotEqualTo(Files.readString(c.resolve("interactions.csv")));
    }

    @Test
    void containsEveryKindOfMess(@TempDir Path dir) throws IOException {
        new DataGenerator(new GeneratorSpec(2_000, 20_000, 7, 0.1, java.time.ZoneOffset.UTC)).writeTo(dir);
        String customers = Files.readString(dir.resolve("customers.csv"));
        String interactions = Files.readString(dir.resolve("interactions.csv"));
        String payments = Files.readString(dir.resolve("payments.csv"));

        // time forms: offsets, Z, millis, local with T and space, US 12h and 24h, epoch seconds and millis
        assertThat(interactions).containsPattern("T\\d\\d:\\d\\d:\\d\\d-05:00").containsPattern(":\\d\\dZ,")
                .containsPattern("\\.\\d{3}\\+").containsPattern(",\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d,")
                .containsPattern(" [AP]M,").containsPattern(",\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d,")
                .containsPattern(",\\d{10},").containsPattern(",\\d{13},");
        // phones in many forms with extensions, emails with case and spaces, quoted cells
        assertThat(customers).containsPattern("\\(\\d{3}\\) \\d{3}-\\d{4}").containsPattern(" x\\d+")
                .containsPattern("\\+1 \\d{3} \\d{3} \\d{4}").containsPattern("USER\\d+")
                .containsPattern(", user\\d+\\.\\d@[a-z.]+ ,");
        assertThat(interactions).contains("\"spring, promo\"").contains("CALL").contains("Visit");
        // refunds, foreign currencies, unknown customers
        assertThat(payments).containsPattern(",-\\d+\\.\\d\\d,").containsPattern(",(CAD|EUR)")
                .containsPattern(",CX\\d{6},");

        FactSetStats stats = stats(dir);
        assertThat(stats.reasons()).contains("no usable identifier", "missing customer_id", "missing interaction_id",
                "missing channel", "currency CAD is not USD", "currency EUR is not USD");
        assertThat(stats.reasons()).anyMatch(r -> r.startsWith("unparseable time '"))
                .anyMatch(r -> r.startsWith("unknown type '"))
                .anyMatch(r -> r.startsWith("unparseable amount '") || r.contains("more than 2 decimals"));
        assertThat(stats.invalidPhones()).isPositive();
        // upserts: some ids appear on more than one row
        long rows = Files.readAllLines(dir.resolve("interactions.csv")).size() - 1;
        assertThat(rows).isGreaterThan(20_000);
    }

    private record FactSetStats(Set<String> reasons, long invalidPhones) {
    }

    private static FactSetStats stats(Path dir) {
        long[] invalid = {0};
        NormalisationCounters counters = new NormalisationCounters() {
            @Override
            public void invalidPhone() {
                invalid[0]++;
            }

            @Override
            public void invalidEmail() {
            }
        };
        var facts = BatchRun.read(dir, AttributionSettings.defaults(), counters, null);
        return new FactSetStats(facts.rejects().stream().map(Reject::reason).collect(Collectors.toSet()), invalid[0]);
    }
}

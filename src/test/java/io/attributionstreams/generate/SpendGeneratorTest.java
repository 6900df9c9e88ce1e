package io.attributionstreams.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.testsupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --spend}: spend.csv with the mess of real ad-platform exports, and nothing else changed. */
class SpendGeneratorTest {

    private static Path generate(Path dir, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("generate", "--out", dir.toString(), "--customers", "200",
                "--interactions", "2000", "--seed", "5", "--zone", "America/New_York"));
        args.addAll(List.of(extra));
        assertThat(Cli.run(args.toArray(new String[0])).exitCode()).isZero();
        return dir;
    }

    @Test
    void spendLeavesTheOtherFilesAsTheyWereAndRepeatsByteForByte(@TempDir Path plain, @TempDir Path a,
            @TempDir Path b) {
        generate(plain);
        generate(a, "--spend");
        generate(b, "--spend");

        assertThat(plain.resolve("spend.csv")).doesNotExist();
        for (String f : List.of("customers.csv", "interactions.csv", "appointments.csv", "payments.csv")) {
            assertThat(a.resolve(f)).hasSameBinaryContentAs(plain.resolve(f));
        }
        assertThat(a.resolve("spend.csv")).hasSameBinaryContentAs(b.resolve("spend.csv"));
    }

    @Test
    void batchShowsMoneySpentForNothingAndRejectsTheBadRows(@TempDir Path data, @TempDir Path out)
            throws IOException {
        generate(data, "--spend");
        String spend = Files.readString(data.resolve("spend.csv"));
        assertThat(spend).startsWith("spend_id,channel,campaign,spent_on,amount,currency")
                .contains(",tiktok,").contains(",usd").doesNotContain(",referral,");
        assertThat(spend.lines().filter(l -> l.matches("SP\\d+,[^,]*,.*,-\\d+\\.\\d\\d,\\w+"))).isNotEmpty();

        Cli.Run run = Cli.run("batch", "--quiet", "--input", data.toString(), "--output", out.toString(),
                "--zone", "America/New_York");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> channels = Files.readAllLines(out.resolve("channels.csv"));
        assertThat(channels.get(0)).isEqualTo(
                "conversion_type,model,channel,credit,revenue,touchpoints,spend,roas,cost_per_conversion");
        // tiktok spends and no interaction names it: a row per type, credit 0, roas 0.0000, no cost per conversion
        assertThat(channels.stream().filter(l -> l.contains(",tiktok,")))
                .hasSize(4).allMatch(l -> l.matches("\\w+,daily_split,tiktok,0,0\\.00,0,\\d+\\.\\d\\d,0\\.0000,"));
        assertThat(Files.readAllLines(out.resolve("rejects.csv")).stream().filter(l -> l.startsWith("spend.csv,")))
                .isNotEmpty();
        assertThat(Files.readAllLines(out.resolve("months.csv")).stream().filter(l -> l.contains(",2025-03,")))
                .isNotEmpty();
        assertThat(Files.readString(out.resolve("campaigns.csv"))).contains(",(none),");
    }
}

package io.attributionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.testsupport.Cli;
import io.attributionstreams.testsupport.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad path or option exits non-zero with one clear line; help lists the commands. */
class CommandLineTest {

    private static void assertOneLineError(Cli.Run run, int code, String mentions) {
        assertThat(run.exitCode()).isEqualTo(code);
        assertThat(run.err().strip().lines()).singleElement().asString().startsWith("error: ").contains(mentions);
    }

    @Test
    void helpListsTheCommands() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("batch", "generate", "bench");
    }

    @Test
    void missingInputFolder(@TempDir Path out) {
        assertOneLineError(Cli.run("batch", "--input", "/no/such/folder", "--output", out.toString()), 1,
                "input folder not found: /no/such/folder");
    }

    @Test
    void missingInputFile(@TempDir Path in, @TempDir Path out) throws IOException {
        copyGolden(in);
        Files.delete(in.resolve("payments.csv"));

        assertOneLineError(Cli.run("batch", "--input", in.toString(), "--output", out.toString()), 1,
                "input file not found: " + in.resolve("payments.csv"));
    }

    @Test
    void missingRequiredColumn(@TempDir Path in, @TempDir Path out) throws IOException {
        copyGolden(in);
        Files.writeString(in.resolve("interactions.csv"), "interaction_id,type,channel\nI1,call,tv\n");

        assertOneLineError(Cli.run("batch", "--input", in.toString(), "--output", out.toString()), 1,
                "header lacks the required column 'occurred_at'");
    }

    @Test
    void unknownModel(@TempDir Path out) {
        assertOneLineError(Cli.run("batch", "--input", Golden.input("basic").toString(), "--output", out.toString(),
                "--models", "daily_split,magic"), 2, "unknown model 'magic'");
    }

    @Test
    void badLookback(@TempDir Path out) {
        assertOneLineError(Cli.run("batch", "--input", Golden.input("basic").toString(), "--output", out.toString(),
                "--lookback", "90 days"), 2, "attribution.lookback (--lookback) takes an ISO-8601 duration");
    }

    @Test
    void unknownOption() {
        assertOneLineError(Cli.run("batch", "--input", "a", "--output", "b", "--inptu", "x"), 2,
                "Unknown options: '--inptu'");
    }

    @Test
    void negativeBenchFiguresAreRefusedBeforeAnythingStarts() {
        assertOneLineError(Cli.run("bench", "stream", "--latency-warmup-seconds", "-1"), 2,
                "--latency-warmup-seconds must be 0 or more, got -1");
        assertOneLineError(Cli.run("bench", "stream", "--max-claimants", "-3"), 2, "--max-claimants must be 0");
    }

    @Test
    void unknownTypeZoneAndCurrency(@TempDir Path out) {
        String in = Golden.input("basic").toString();
        assertOneLineError(Cli.run("batch", "--input", in, "--output", out.toString(), "--types", "FIRST_KISS"), 2,
                "unknown conversion type 'FIRST_KISS'");
        assertOneLineError(Cli.run("batch", "--input", in, "--output", out.toString(), "--zone", "Mars/Olympus"), 2,
                "unknown zone 'Mars/Olympus'");
        assertOneLineError(Cli.run("batch", "--input", in, "--output", out.toString(), "--currency", "dollars"), 2,
                "currency must be a three-letter code");
    }

    @Test
    void typesAndModelsNarrowTheOutput(@TempDir Path out) throws IOException {
        Cli.Run run = Cli.run("batch", "--quiet", "--input", Golden.input("basic").toString(), "--output",
                out.toString(), "--types", "first_paid", "--models", "linear,first_touch");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("attribution.csv")).stream().skip(1)
                .map(l -> l.split(",")[1] + "," + l.split(",")[2]).distinct())
                .containsExactlyInAnyOrder("FIRST_PAID,first_touch", "FIRST_PAID,linear");
    }

    /** batch reads the layers the app reads: a file's keys, with the named options above them. */
    @Test
    void batchTakesItsSettingsFromAConfigFileWithTheOptionsAbove(@TempDir Path dir, @TempDir Path out) throws IOException {
        Path config = dir.resolve("attribution.properties");
        Files.writeString(config, "attribution.models=linear,first_touch\nattribution.types=FIRST_PAID,FIRST_BOOKED\n");
        Cli.Run run = Cli.run("batch", "--quiet", "--input", Golden.input("basic").toString(), "--output",
                out.toString(), "--config", config.toString(), "--types", "first_paid");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("attribution.csv")).stream().skip(1)
                .map(l -> l.split(",")[1] + "," + l.split(",")[2]).distinct())
                .containsExactlyInAnyOrder("FIRST_PAID,first_touch", "FIRST_PAID,linear");
        Cli.Run set = Cli.run("batch", "--quiet", "--input", Golden.input("basic").toString(), "--output",
                out.toString(), "--set", "attribution.lookback=90 days");
        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.err()).contains("attribution.lookback (--lookback) takes an ISO-8601 duration");
    }

    /** The version the build was made with, from pom.xml, not a placeholder. */
    @Test
    void versionIsTheProjectsVersion() throws IOException {
        java.util.regex.Matcher pom = java.util.regex.Pattern.compile(
                "<artifactId>attribution-streams</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).isTrue();
        Cli.Run run = Cli.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).startsWith("attribution-streams " + pom.group(1) + " (Kafka Streams 4.")
                .doesNotContain("development").doesNotContain("${");
    }

    @Test
    void summaryHasCountsButNoPersonalData(@TempDir Path out) {
        Cli.Run run = Cli.run("batch", "--input", Golden.input("basic").toString(), "--output", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("35 facts read, 3 rejected, 2 invalid phones and 1 invalid emails ignored")
                .contains("6 customers, 5 converted, 43 attribution rows");
        // The output folder's random name may hold any digits: it is not the data's.
        String printed = (run.err() + run.out()).replace(out.toString(), "<output>");
        assertThat(printed).doesNotContain("@").doesNotContain("555").doesNotContain("example");
    }

    private static void copyGolden(Path to) throws IOException {
        for (String f : new String[] {"customers.csv", "interactions.csv", "appointments.csv", "payments.csv"}) {
            Files.copy(Golden.input("basic").resolve(f), to.resolve(f));
        }
    }
}

package io.attributionstreams.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.testsupport.Cli;
import io.attributionstreams.testsupport.Golden;
import io.attributionstreams.testsupport.OutputComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden example through the {@code batch} command, with the options of its {@code args} file. */
class GoldenExamplesTest {

    static List<String> examples() {
        return Golden.examples();
    }

    @Test
    void everyBuiltExampleIsThere() {
        assertThat(Golden.examples()).containsExactly("basic", "guardrails", "limits", "models", "revisions", "spend", "stages");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void batchReproducesExpectedOutput(String example, @TempDir Path out) {
        List<String> args = new ArrayList<>(List.of("batch", "--quiet", "--input", Golden.input(example).toString(),
                "--output", out.toString()));
        args.addAll(Golden.args(example));

        Cli.Run run = Cli.run(args.toArray(new String[0]));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(OutputComparison.differences(Golden.expected(example), out, true)).isEmpty();
    }

    /**
     * Exact models are exact: for the examples with only daily_split, the files are the expected
     * bytes (CRLF, %.15g credits, two-decimal revenue, rejects in file order with their reasons).
     * guardrails' channels.csv carries the removal_effect column of a section not built yet, so its
     * rows are compared without that (empty) column.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void exactModelOutputIsByteIdentical(String example, @TempDir Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("batch", "--quiet", "--input", Golden.input(example).toString(),
                "--output", out.toString()));
        args.addAll(Golden.args(example));
        assertThat(Cli.run(args.toArray(new String[0])).exitCode()).isZero();

        // the contract's examples word one reason differently: "unparseable amount '5.005'" is ours with its cause
        assertThat(Files.readString(out.resolve("rejects.csv"))
                .replaceAll("amount ('[^']*') has more than 2 decimals", "unparseable amount $1"))
                .isEqualTo(Files.readString(Golden.expected(example).resolve("rejects.csv")));
        if (!Golden.args(example).contains("--models")) {
            assertThat(Files.readString(out.resolve("attribution.csv")))
                    .isEqualTo(Files.readString(Golden.expected(example).resolve("attribution.csv")));
            assertThat(Files.readString(out.resolve("channels.csv")))
                    .isEqualTo(withoutEmptyRemovalEffect(Files.readString(Golden.expected(example).resolve("channels.csv"))));
        }
    }

    /** The header's removal_effect column and every row's empty cell for it dropped (non-markov rows). */
    private static String withoutEmptyRemovalEffect(String channels) {
        if (!channels.startsWith("conversion_type,model,channel,credit,revenue,touchpoints,removal_effect\r\n")
                && !channels.startsWith("conversion_type,model,channel,credit,revenue,touchpoints,removal_effect\n")) {
            return channels;
        }
        return channels.replaceAll(",(\r?\n)", "$1").replace(",removal_effect", "");
    }

    @Test
    void guardrailsWritesCappedIdentifiersAsPseudonymsOnly(@TempDir Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("batch", "--input", Golden.input("guardrails").toString(),
                "--output", out.toString()));
        args.addAll(Golden.args("guardrails"));

        Cli.Run run = Cli.run(args.toArray(new String[0]));

        assertThat(run.exitCode()).as(run.err()).isZero();
        // the switchboard line of G1-G4, and a number four CU customers share: 4 claimants each under a cap of 3
        List<String> capped = Files.readAllLines(out.resolve("capped.csv"));
        assertThat(capped).hasSize(3).first().isEqualTo("identifier_pseudonym,claimants");
        assertThat(capped.subList(1, 3)).allMatch(l -> l.matches("[A-Za-z0-9_-]{43},4")).isSorted();
        assertThat(run.err()).contains("8 rejected, 10 invalid phones and 0 invalid emails ignored, "
                + "2 blocked values ignored, 2 identifiers capped, 5 facts suppressed")
                .contains("not comparable across runs");
        try (var files = Files.list(out)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.getFileName().toString())
                        .doesNotContain("+13128675309").doesNotContain("3128675309").doesNotContain("test@test.com")
                        .doesNotContain("erase.me").doesNotContain("5550198").doesNotContain("GE,");
            }
        }
        assertThat(run.err() + run.out()).doesNotContain("@").doesNotContain("3128675309");
    }

    @Test
    void comparisonFailsOnAChangedNumber(@TempDir Path out) throws IOException {
        // the comparison itself must be able to fail: a cent moved is a difference
        Path expected = Golden.expected("basic");
        for (String file : List.of("attribution.csv", "channels.csv", "rejects.csv")) {
            Files.copy(expected.resolve(file), out.resolve(file));
        }
        String attribution = Files.readString(out.resolve("attribution.csv"));
        Files.writeString(out.resolve("attribution.csv"), attribution.replaceFirst("33\\.34", "33.33"));

        assertThat(OutputComparison.differences(expected, out, true))
                .singleElement().asString().contains("I14").contains("revenue");
    }
}

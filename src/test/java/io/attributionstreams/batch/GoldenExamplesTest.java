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
        assertThat(Golden.examples()).containsExactly("basic", "limits", "models", "revisions");
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
     */
    @ParameterizedTest
    @MethodSource("examples")
    void exactModelOutputIsByteIdentical(String example, @TempDir Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("batch", "--quiet", "--input", Golden.input(example).toString(),
                "--output", out.toString()));
        args.addAll(Golden.args(example));
        assertThat(Cli.run(args.toArray(new String[0])).exitCode()).isZero();

        assertThat(Files.readString(out.resolve("rejects.csv")))
                .isEqualTo(Files.readString(Golden.expected(example).resolve("rejects.csv")));
        if (Golden.args(example).isEmpty()) {
            assertThat(Files.readString(out.resolve("attribution.csv")))
                    .isEqualTo(Files.readString(Golden.expected(example).resolve("attribution.csv")));
            assertThat(Files.readString(out.resolve("channels.csv")))
                    .isEqualTo(Files.readString(Golden.expected(example).resolve("channels.csv")));
        }
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

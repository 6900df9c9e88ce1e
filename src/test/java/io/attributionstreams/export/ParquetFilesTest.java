package io.attributionstreams.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.contract.OutputFiles;
import io.attributionstreams.testsupport.Cli;
import io.attributionstreams.testsupport.Golden;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Parquet files hold the CSV files' rows, every cell with its exact value and a type: read back here with
 * Parquet's own reader (and no Hadoop on the classpath, as in the engine's jar), cell by cell against the CSV.
 */
class ParquetFilesTest {
    /** The batch engine's files for a golden example, in {@code out}. */
    private static Path batch(String example, Path out) {
        List<String> args = new ArrayList<>(List.of("batch", "--quiet", "--input", Golden.input(example).toString(),
                "--output", out.toString()));
        args.addAll(Golden.args(example));
        assertThat(Cli.run(args.toArray(new String[0])).exitCode()).isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"spend", "models", "stages", "basic"})
    void everyExportedFileHoldsTheCsvsRowsWithTypedExactValues(String example, @TempDir Path tmp) throws IOException {
        Path csv = batch(example, tmp.resolve("csv"));

        ParquetFiles.convert(csv, OutputFiles.EXPORTED, tmp);

        ParquetRows.assertSameRows(csv, tmp);
        // the engine's jar has no Hadoop, and neither has this test: the files were written and read without it
        assertThat(getClass().getClassLoader().getResource("org/apache/hadoop/conf/Configuration.class")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"spend"})
    void creditsKeepEveryDigitAndMoneyItsCents(String example, @TempDir Path tmp) throws IOException {
        Path csv = batch(example, tmp.resolve("csv"));
        ParquetFiles.convert(csv, OutputFiles.EXPORTED, tmp);

        List<List<Object>> channels = ParquetRows.read(tmp.resolve("channels.parquet"), List.of(ParquetRows.csv(csv.resolve("channels.csv"))
                .get(0)));
        // FIRST_ATTENDED daily_split bing_ads: credit 0.583333333333333, spend 3852.13 (see channels.csv)
        List<Object> bing = channels.stream().filter(r -> "bing_ads".equals(r.get(2)) && "daily_split".equals(r.get(1))
                && "FIRST_ATTENDED".equals(r.get(0))).findFirst().orElseThrow();
        assertThat(bing.get(3)).isEqualTo(new BigDecimal("0.583333333333333").setScale(((BigDecimal) bing.get(3)).scale()));
        assertThat(((BigDecimal) bing.get(4)).scale()).isEqualTo(2);
        assertThat(bing.get(5)).isEqualTo(2L);
    }
}

package io.attributionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.testsupport.Cli;
import io.attributionstreams.testsupport.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** batch's guardrail options: a bad value or path exits non-zero with one clear line, no personal data. */
class BatchGuardrailsCliTest {

    private static Cli.Run batch(Path out, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "batch";
        args[1] = "--input";
        args[2] = Golden.input("basic").toString();
        args[3] = "--output=" + out;
        System.arraycopy(more, 0, args, 4, more.length);
        return Cli.run(args);
    }

    private static void assertOneLineError(Cli.Run run, int code, String mentions) {
        assertThat(run.exitCode()).isEqualTo(code);
        assertThat(run.err().strip().lines()).singleElement().asString().startsWith("error: ").contains(mentions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1"})
    void aCapBelowOneIsRefused(String k, @TempDir Path out) {
        assertOneLineError(batch(out, "--max-claimants", k), 2, "--max-claimants must be a whole number of at least 1");
    }

    @Test
    void aCapThatIsNoNumberIsRefused(@TempDir Path out) {
        assertOneLineError(batch(out, "--max-claimants", "x"), 2, "--max-claimants");
    }

    @Test
    void missingFilesAreNamed(@TempDir Path out) {
        assertOneLineError(batch(out, "--blocked", "/no/such/blocked.txt"), 1, "blocked file not found: /no/such/blocked.txt");
        assertOneLineError(batch(out, "--erasures", "/no/such/erasures.csv"), 1,
                "erasure file not found: /no/such/erasures.csv");
        assertOneLineError(batch(out, "--max-claimants", "3", "--pseudonym-key-file", "/no/such/key"), 2,
                "pseudonym key file not found: /no/such/key");
    }

    @Test
    void aBadBlockedLineIsNamedByNumberNotValue(@TempDir Path dir) throws IOException {
        Path blocked = dir.resolve("blocked.txt");
        Files.writeString(blocked, "# junk\n000-000-0000\nprivate-words\n");

        assertOneLineError(batch(dir.resolve("out"), "--blocked", blocked.toString()), 2, "line 3: neither a phone nor an email");
        assertThat(batch(dir.resolve("out"), "--blocked", blocked.toString()).err()).doesNotContain("private");
    }

    @Test
    void aShortKeyIsRefusedWithoutQuotingIt(@TempDir Path dir) throws IOException {
        Path key = dir.resolve("key");
        Files.writeString(key, "too-short-secret\n");

        Cli.Run run = batch(dir.resolve("out"), "--max-claimants", "3", "--pseudonym-key-file", key.toString());

        assertOneLineError(run, 2, "at least 32");
        assertThat(run.err()).doesNotContain("too-short-secret");
    }

    @Test
    void withAKeyNoWarningAndCappedCsvIsWritten(@TempDir Path dir) throws IOException {
        Path key = dir.resolve("key");
        Files.writeString(key, "a-key-of-at-least-thirty-two-characters\n");

        Cli.Run run = batch(dir.resolve("out"), "--max-claimants", "1", "--pseudonym-key-file", key.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("not comparable").contains("identifiers capped");
        assertThat(Files.readAllLines(dir.resolve("out").resolve("capped.csv")).get(0))
                .isEqualTo("identifier_pseudonym,claimants");
    }
}

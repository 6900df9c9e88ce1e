package io.attributionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.testsupport.Cli;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.testsupport.Golden;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every command that talks to Kafka says in one line, within 15 s, that no broker answers, and exits 1.
 * The five commands wait for a broker, not for the CPU, and each captures its own output: they run at once.
 */
@Execution(ExecutionMode.CONCURRENT)
class NoBrokerTest {
    private static String nobody;

    @BeforeAll
    static void anAddressWhereNothingListens() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static void assertFailsFast(String... args) {
        long start = System.nanoTime();
        Cli.Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run(args));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                "error: no Kafka broker answers at " + nobody + " (is it running? see docs/operations.md)");
        assertThat(run.out()).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void topics() {
        assertFailsFast("topics", "--bootstrap-servers", nobody);
    }

    @Test
    void replay() {
        assertFailsFast("replay", "--bootstrap-servers", nobody, "--input", Golden.input("basic").toString());
    }

    @Test
    void export(@TempDir Path out) {
        assertFailsFast("export", "--bootstrap-servers", nobody, "--output", out.toString());
    }

    @Test
    void exportAwaitingQuiet(@TempDir Path out) {
        assertFailsFast("export", "--bootstrap-servers", nobody, "--output", out.toString(), "--await-quiet", "2s");
    }

    /** The address may come from any layer: here a --config file, which every command reads. */
    @Test
    void replayWithTheBrokerInAConfigFile(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("client.properties");
        java.nio.file.Files.writeString(config, "bootstrap.servers=" + nobody + "\n");
        assertFailsFast("replay", "--config", config.toString(), "--input", Golden.input("basic").toString());
    }

    @Test
    void topicsWithTheBrokerSetAsAKey() {
        assertFailsFast("topics", "--set", "bootstrap.servers=" + nobody);
    }

    /** No layer names a broker: one line saying where to give one, exit 2, before any connection. */
    @Test
    void exportWithoutAnyBrokerSaysWhereToGiveOne(@TempDir Path out) {
        Cli.Run run = Cli.run("export", "--output", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("error: no Kafka to use: give --bootstrap-servers, "
                + "bootstrap.servers in the --config file, or ATTRIBUTION_BOOTSTRAP_SERVERS");
    }

    @Test
    void erase() {
        assertFailsFast("erase", "--bootstrap-servers", nobody, "--phone", "(415) 555-0198", "--no-lookup");
    }

    /** Nothing to erase, or a value that is no phone: one line naming the option by number (not the value), exit 2. */
    @Test
    void eraseWithoutAUsableSubjectSaysWhyInOneLine() {
        Cli.Run none = Cli.run("erase", "--bootstrap-servers", nobody);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().lines()).containsExactly("error: name a subject: --customer-id, --phone or --email");
        Cli.Run bad = Cli.run("erase", "--bootstrap-servers", nobody, "--phone", "(415) 555-0198", "--phone", "12");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().lines()).containsExactly("error: --phone #2 is not a valid phone number (region US)");
    }

    /** A customer id to look up with no engine answering: one line saying so and how to go on, exit 1. */
    @Test
    void eraseWhenTheEngineDoesNotAnswer() {
        Cli.Run run = Cli.run("erase", "--bootstrap-servers", nobody, "--customer-id", "C1", "--engine",
                "http://" + nobody);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .startsWith("error: cannot ask the engine at http://" + nobody + " for the customer's identifiers")
                .endsWith("--no-lookup names only what is given");
    }

    @Test
    void runOnAGivenCluster(@TempDir Path state) {
        assertFailsFast("run", "--bootstrap-servers", nobody, "--state-dir", state.toString(), "--http-port", "0",
                "--set", AppConfig.PSEUDONYM_KEY_FILE + "=" + TestPseudonyms.keyFile());
    }

    /** A key file that is not there is a setup error, said before any connection, in one line, exit 2. */
    @Test
    void runWithAMissingPseudonymKeyFile(@TempDir Path state) {
        Path missing = state.resolve("no.key");
        Cli.Run run = Cli.run("run", "--bootstrap-servers", nobody, "--state-dir", state.toString(), "--http-port", "0",
                "--set", AppConfig.PSEUDONYM_KEY_FILE + "=" + missing);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("error: pseudonym key file not found: " + missing);
    }
}

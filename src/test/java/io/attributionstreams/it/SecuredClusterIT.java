package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.bench.AppProcess;
import io.attributionstreams.broker.EmbeddedKafka;
import io.attributionstreams.generate.DataGenerator;
import io.attributionstreams.generate.GeneratorSpec;
import io.attributionstreams.testsupport.Cli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a cluster that takes only authenticated clients over TLS, as managed and company
 * clusters do: the embedded broker with SASL_SSL (SCRAM-SHA-512) and mutual TLS, nothing in the clear.
 * {@code topics}, the app ({@code run}, its own process, with its cluster check, topic creation, kept
 * pseudonym key and live feed), {@code replay}, {@code export} and the query API over SCRAM; {@code export}
 * again over mutual TLS; every client given only a {@code --config} file. The export equals batch; a wrong password is
 * one clear line at once.
 */
class SecuredClusterIT {

    @Test
    void everyCommandAndTheAppWorkOverSaslSslAndMutualTlsAndTheExportEqualsBatch(@TempDir Path tmp) throws Exception {
        Path input = Files.createDirectories(tmp.resolve("input"));
        new DataGenerator(new GeneratorSpec(400, 3_000, 19, 0.05, ZoneOffset.UTC)).writeTo(input);
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        BatchRun.run(input, batch, AttributionSettings.defaults(), null);

        try (EmbeddedKafka kafka = EmbeddedKafka.startSecured(0, 0, tmp.resolve("kafka"))) {
            EmbeddedKafka.SecuredListeners secured = kafka.secured().orElseThrow();
            String scram = secured.scramProperties().toString();
            String mtls = secured.mtlsProperties().toString();

            Cli.Run topics = Cli.run("topics", "--config", scram);
            assertThat(topics.exitCode()).as(topics.err()).isZero();
            assertThat(topics.out()).startsWith("topics: created ").contains("attribution-updates");

            Path log = tmp.resolve("app.log");
            AppProcess app = AppProcess.start(kafka.bootstrapServers(), "secured", tmp.resolve("state"), log,
                    "--config", scram);
            try {
                app.awaitReady(Duration.ofMinutes(3));
                Cli.Run replay = Cli.run("replay", "--config", scram, "--input", input.toString(), "--shuffle", "3");
                assertThat(replay.exitCode()).as(replay.err()).isZero();

                Path out = tmp.resolve("export");
                Cli.Run export = Cli.run("export", "--config", scram, "--output", out.toString(), "--await-quiet", "3s",
                        "--application-id", "secured", "--timeout", "5m");
                assertThat(export.exitCode()).as(export.err()).isZero();
                assertThat(out.resolve("attribution.csv")).hasSameBinaryContentAs(batch.resolve("attribution.csv"));
                assertThat(out.resolve("channels.csv")).hasSameBinaryContentAs(batch.resolve("channels.csv"));
                // and the same read again by a client that proves itself with a certificate instead
                Path overMtls = tmp.resolve("export-mtls");
                Cli.Run certified = Cli.run("export", "--config", mtls, "--output", overMtls.toString());
                assertThat(certified.exitCode()).as(certified.err()).isZero();
                assertThat(overMtls.resolve("attribution.csv")).hasSameBinaryContentAs(batch.resolve("attribution.csv"));

                // the query API answers from state the app built over SCRAM: a converted customer's answer
                String row = Files.readAllLines(batch.resolve("attribution.csv")).get(1);
                String customer = row.split(",")[0];
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.httpPort() + "/customers/" + customer + "/attribution"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("\"customer_id\":\"" + customer + "\"");
                assertThat(app.alive()).isTrue();
            } finally {
                app.close();
            }
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("Authentication failed")
                    .doesNotContain(" ERROR ");

            Path wrong = tmp.resolve("wrong.properties");
            String settings = Files.readString(secured.scramProperties(), StandardCharsets.ISO_8859_1);
            int start = settings.indexOf("password\\=\"") + "password\\=\"".length();
            Files.writeString(wrong, settings.substring(0, start) + "not-the-password"
                    + settings.substring(settings.indexOf('"', start)), StandardCharsets.ISO_8859_1);
            long began = System.nanoTime();
            Cli.Run refused = Cli.run("topics", "--config", wrong.toString());
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err().lines().toList()).isEqualTo(List.of("error: the broker at "
                    + kafka.bootstrapServers() + " (SASL_SSL) refused the credentials: Authentication failed during "
                    + "authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512; check "
                    + "sasl.mechanism and sasl.jaas.config"));

            // mutual TLS without a client certificate: the handshake fails, said in one line
            Path noCertificate = tmp.resolve("no-certificate.properties");
            Files.write(noCertificate, Files.readAllLines(secured.mtlsProperties(), StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> !line.startsWith("ssl.keystore") && !line.startsWith("ssl.key.")).toList(),
                    StandardCharsets.ISO_8859_1);
            Cli.Run handshake = Cli.run("topics", "--config", noCertificate.toString());
            assertThat(handshake.exitCode()).isEqualTo(1);
            assertThat(handshake.err().lines().toList()).singleElement().asString()
                    .startsWith("error: the TLS handshake with the broker at 127.0.0.1:" + secured.mtlsPort() + " (SSL) failed: ")
                    .endsWith("; check the ssl.truststore.* (and for mutual TLS the ssl.keystore.*) settings");
        }
    }
}

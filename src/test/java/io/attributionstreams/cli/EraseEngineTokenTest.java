package io.attributionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.ops.BearerToken;
import io.attributionstreams.ops.HttpLimits;
import io.attributionstreams.ops.HttpSetup;
import io.attributionstreams.ops.OpsServer;
import io.attributionstreams.testsupport.Cli;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code erase --customer-id} against an engine behind a bearer token (its lookup comes before any
 * broker, so no broker is needed): without the token or with a wrong one, one line saying which; with
 * the right one, the lookup succeeds and the command goes on to the broker, which is not there.
 */
class EraseEngineTokenTest {
    private static final String TOKEN = "the-engine-token-for-erase-0123456789";

    private OpsServer engine;
    private String nobody;

    @BeforeEach
    void engineBehindAToken() throws Exception {
        engine = OpsServer.start(HttpSetup.plain(0).withToken(BearerToken.of(TOKEN)), HttpLimits.DEFAULT,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> null);
        engine.routeForClients("/customers/", exchange -> {
            byte[] body = "{\"customer_id\":\"C1\",\"pseudonyms\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        try (ServerSocket free = new ServerSocket(0)) {
            nobody = "localhost:" + free.getLocalPort(); // a broker that is not there
        }
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Cli.Run erase(String... more) {
        String[] args = {"erase", "--bootstrap-servers", nobody, "--customer-id", "C1", "--engine",
            "http://localhost:" + engine.port()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    @Test
    void withoutTheTokenOrWithAWrongOneOneLineSaysWhich(@TempDir Path dir) throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong"), TOKEN.replace('9', '8'));

        Cli.Run none = erase();
        Cli.Run refused = erase("--engine-token-file", wrong.toString());

        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err().lines()).hasSize(1).first().asString().contains("wants a bearer token (401)")
                .contains("--engine-token-file");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().lines()).hasSize(1).first().asString().contains("refused the bearer token (403)")
                .doesNotContain(TOKEN.substring(0, 20));
    }

    @Test
    void theTokenFromTheOptionOrTheConfigurationGetsTheLookupThrough(@TempDir Path dir) throws Exception {
        Path right = Files.writeString(dir.resolve("token"), TOKEN + "\n");

        Cli.Run byOption = erase("--engine-token-file", right.toString());
        Cli.Run bySet = erase("--set", "attribution.http.auth-token-file=" + right);

        for (Cli.Run run : new Cli.Run[] {byOption, bySet}) {
            // the statuses as the refusals write them: a bare "403" is also in a broker port such as 40319
            assertThat(run.err()).doesNotContain("(401)").doesNotContain("(403)").doesNotContain("the engine at");
            assertThat(run.exitCode()).isNotZero(); // then the broker, which is not there
        }
    }
}

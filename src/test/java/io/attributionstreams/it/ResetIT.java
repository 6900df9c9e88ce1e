package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.bench.AppProcess;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.replay.ReplayPlan;
import io.attributionstreams.replay.Replayer;
import io.attributionstreams.testsupport.Cli;
import io.attributionstreams.topology.Names;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator changes settings that change answers on a running deployment (a lookback where there was
 * none, one model fewer), and recomputes with {@code reset}: stop, reset, start with the new settings,
 * reset --finish. The export then equals batch with the new settings, byte for byte, and no answer of
 * the old settings is left on the compacted topic: every key's latest record names the new settings.
 */
class ResetIT extends RealBrokerTest {
    private static final String APP = "resettable";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void changingTheLookbackAndTheModelsThenResettingGivesTheNewSettingsAnswersAndNoStaleKey(@TempDir Path tmp)
            throws Exception {
        DataSet before = generate(tmp, 400, 3_000, 23, 0.05);
        AttributionSettings changed = AttributionSettings.defaults().withLookback(Duration.ofDays(30))
                .withModels(CreditModels.named(List.of("daily_split")));
        Path after = Files.createDirectories(tmp.resolve("batch-after"));
        BatchRun.run(before.input(), after, changed, null);
        Path state = tmp.resolve("state");
        String bootstrap = kafka.bootstrapServers();

        AppProcess app = AppProcess.start(bootstrap, APP, state, tmp.resolve("app.log"),
                "--set", "attribution.models=daily_split,linear");
        String oldSettings;
        try {
            app.awaitReady(Duration.ofMinutes(2));
            Replayer.send(bootstrap, ReplayPlan.shuffled(ReplayPlan.inFileOrder(before.input()), 4), 0, null);
            Exporter.awaitQuiet(bootstrap, APP, Duration.ofSeconds(3), Duration.ofMinutes(5), null);
            oldSettings = settingsOf(app);
        } finally {
            app.close();
        }
        assertThat(liveLinearAnswers()).as("the old settings' second model").isPositive();

        Cli.Run reset = Cli.run("reset", "--bootstrap-servers", bootstrap, "--application-id", APP,
                "--state-dir", state.toString());
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.err()).contains("offsets back to the earliest").contains("local state in");
        assertThat(state.resolve(APP)).doesNotExist();

        app = AppProcess.start(bootstrap, APP, state, tmp.resolve("app.log"),
                "--set", "attribution.models=daily_split", "--set", "attribution.lookback=P30D");
        String newSettings;
        try {
            app.awaitReady(Duration.ofMinutes(2));
            newSettings = settingsOf(app);
            Cli.Run finish = Cli.run("reset", "--finish", "--bootstrap-servers", bootstrap, "--application-id", APP,
                    "--await-quiet", "3s", "--timeout", "5m");
            assertThat(finish.exitCode()).as(finish.err()).isZero();
            assertThat(finish.err()).containsPattern("[1-9][0-9,]* answers and totals the new settings no longer give");
        } finally {
            app.close();
        }

        assertThat(newSettings).isNotEqualTo(oldSettings);
        Exporter.Snapshot snapshot = Exporter.read(bootstrap);
        Path stream = Files.createDirectories(tmp.resolve("stream"));
        snapshot.write(stream);
        assertThat(stream.resolve("attribution.csv")).hasSameBinaryContentAs(after.resolve("attribution.csv"));
        assertThat(stream.resolve("channels.csv")).hasSameBinaryContentAs(after.resolve("channels.csv"));
        assertThat(liveSettings()).containsExactly(newSettings);
        assertThat(liveLinearAnswers()).isZero();
        Cli.Run again = Cli.run("reset", "--finish", "--bootstrap-servers", bootstrap, "--application-id", APP);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("no reset of " + APP + " to finish");
    }

    private static String settingsOf(AppProcess app) throws Exception {
        HttpResponse<String> settings = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.httpPort() + "/settings")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(settings.statusCode()).isEqualTo(200);
        return JSON.readTree(settings.body()).path("settings_fingerprint").asText();
    }

    /** The latest value per key of attribution-updates. */
    private static Map<String, JsonNode> latestAnswers() {
        Map<String, JsonNode> latest = new HashMap<>();
        TopicReader.forEach(kafka.bootstrapServers(), Names.ATTRIBUTION_UPDATES, r -> {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                latest.remove(key);
            } else {
                try {
                    latest.put(key, JSON.readTree(r.value()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        return latest;
    }

    private static Set<String> liveSettings() {
        Set<String> settings = new HashSet<>();
        latestAnswers().values().forEach(v -> settings.add(v.path("settings").asText()));
        return settings;
    }

    private static long liveLinearAnswers() {
        return latestAnswers().values().stream().filter(v -> v.path("model").asText().equals("linear")).count();
    }
}

package io.attributionstreams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check the deployment tests rely on: it accepts real keys and catches a misspelt variable. */
class ConfigKeysTest {
    @Test
    void acceptsAppAndKafkaKeysAndRejectsTypos() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("ATTRIBUTION_ZONE", "UTC"),
                Map.entry("ATTRIBUTION_HALF_LIFE", "P7D"),
                Map.entry("ATTRIBUTION_BOOTSTRAP_SERVERS", "kafka:9092"),
                Map.entry("ATTRIBUTION_APPLICATION_SERVER", "app:8080"),
                Map.entry("ATTRIBUTION_STATE_DIR", "/state"),
                Map.entry("ATTRIBUTION_MAX_POLL_RECORDS", "500"),
                Map.entry("ATTRIBUTION_BOOTSTRAP_SERVER", "kafka:9092"),
                Map.entry("ATTRIBUTION_NUM_STREAMS_THREADS", "2"),
                Map.entry("ATTRIBUTION_HTTP_AUTH_TOKEN_FILE", "/secrets/http-token"),
                Map.entry("ATTRIBUTION_HTTP_AUTH_TOKEN", "x"),
                Map.entry("JAVA_TOOL_OPTIONS", "-Xmx1g"));

        // the token file's key is known; a near miss of it is not
        assertThat(ConfigKeys.unknown(env)).containsOnlyKeys("ATTRIBUTION_BOOTSTRAP_SERVER",
                "ATTRIBUTION_NUM_STREAMS_THREADS", "ATTRIBUTION_HTTP_AUTH_TOKEN");
    }
}

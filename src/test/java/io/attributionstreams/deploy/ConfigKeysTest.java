package io.attributionstreams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check the deployment tests rely on: it accepts real keys and catches a misspelt variable. */
class ConfigKeysTest {
    @Test
    void acceptsAppAndKafkaKeysAndRejectsTypos() {
        Map<String, String> env = Map.of(
                "ATTRIBUTION_ZONE", "UTC",
                "ATTRIBUTION_HALF_LIFE", "P7D",
                "ATTRIBUTION_BOOTSTRAP_SERVERS", "kafka:9092",
                "ATTRIBUTION_APPLICATION_SERVER", "app:8080",
                "ATTRIBUTION_STATE_DIR", "/state",
                "ATTRIBUTION_MAX_POLL_RECORDS", "500",
                "ATTRIBUTION_BOOTSTRAP_SERVER", "kafka:9092",
                "ATTRIBUTION_NUM_STREAMS_THREADS", "2",
                "JAVA_TOOL_OPTIONS", "-Xmx1g");

        assertThat(ConfigKeys.unknown(env)).containsOnlyKeys("ATTRIBUTION_BOOTSTRAP_SERVER",
                "ATTRIBUTION_NUM_STREAMS_THREADS");
    }
}

package io.attributionstreams.testsupport;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.StreamingApp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/** The production app, in this JVM, against a fixture broker, with the production defaults. */
public final class RunningApp {
    private RunningApp() {
    }

    public static StreamingApp start(String bootstrap, String applicationId, Path stateDir, Map<String, String> extra) {
        return start(bootstrap, applicationId, stateDir, extra, new SimpleMeterRegistry());
    }

    public static StreamingApp start(String bootstrap, String applicationId, Path stateDir, Map<String, String> extra,
            MeterRegistry registry) {
        Map<String, String> cli = new LinkedHashMap<>();
        cli.put(AppConfig.PSEUDONYM_KEY_FILE, TestPseudonyms.keyFile().toString());
        cli.putAll(extra);
        cli.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cli.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        cli.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return StreamingApp.start(AppConfig.load(null, Map.of(), cli), registry);
    }

    public static boolean running(StreamingApp app) {
        return app.streams().state() == KafkaStreams.State.RUNNING;
    }
}

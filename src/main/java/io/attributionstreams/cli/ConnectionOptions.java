package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.broker.KafkaClients;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command reaches Kafka: {@code --bootstrap-servers} over the configuration layers of
 * {@link ConfigOptions}, so that security settings ({@code security.protocol}, {@code sasl.*},
 * {@code ssl.*}) given in a file, the environment or {@code --set} reach every client the command makes.
 */
final class ConnectionOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka to use (or bootstrap.servers in --config, or ATTRIBUTION_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Mixin
    ConfigOptions config;

    /** The whole configuration, with the named options given here and by the command. */
    AppConfig load(Map<String, String> named) {
        Map<String, String> all = new LinkedHashMap<>(named);
        all.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config.load(all);
    }

    AppConfig load() {
        return load(Map.of());
    }

    /** The clients' settings; an IllegalArgumentException when no bootstrap servers are set anywhere. */
    KafkaClients clients() {
        return KafkaClients.of(load().asMap());
    }
}

package io.attributionstreams.deploy;

import io.attributionstreams.app.AppConfig;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Which configuration keys an {@code ATTRIBUTION_*} environment variable may set. */
final class ConfigKeys {
    private ConfigKeys() {
    }

    /** The application's own keys and every Kafka Streams, producer and consumer key. */
    static Set<String> known() {
        Set<String> keys = new HashSet<>(AppConfig.APP_KEYS.keySet());
        keys.addAll(StreamsConfig.configDef().names());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(ConsumerConfig.configNames());
        keys.add(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return keys;
    }

    /** The {@code ATTRIBUTION_*} variables of {@code env} whose key nobody reads, with that key. */
    static Map<String, String> unknown(Map<String, String> env) {
        Set<String> known = known();
        Map<String, String> unknown = new TreeMap<>();
        env.keySet().stream().filter(name -> name.startsWith(AppConfig.ENV_PREFIX)).forEach(name -> {
            String key = AppConfig.keyOf(name);
            if (!known.contains(key)) {
                unknown.put(name, key);
            }
        });
        return unknown;
    }
}

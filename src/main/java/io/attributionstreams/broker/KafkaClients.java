package io.attributionstreams.broker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SecurityConfig;

/**
 * How every Kafka client of the process reaches the cluster: the bootstrap servers and the connection
 * and security keys (TLS, SASL) of the configuration, one set for Kafka Streams and for the admin
 * clients, producers and consumers the commands make themselves (topic creation, replay, export,
 * erase, the live feed, the kept pseudonym key).
 *
 * <p>Only connection keys pass to those clients, not the application's tuning (a {@code group.instance.id}
 * or {@code client.id} meant for Kafka Streams must not reach an export's consumer). Kafka Streams' own
 * per-client prefixes work here too: {@code admin.*}, {@code producer.*} and {@code consumer.*} keys
 * reach that kind of client only, above the plain key.
 */
public final class KafkaClients {
    /** Connection keys every client takes; with everything under {@code sasl.} and {@code ssl.}. */
    private static final Set<String> CONNECTION_KEYS = Set.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            SecurityConfig.SECURITY_PROVIDERS_CONFIG, CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG,
            CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
            CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG);
    private static final List<String> CONNECTION_PREFIXES = List.of("sasl.", "ssl.");

    private final Map<String, String> settings;

    private KafkaClients(Map<String, String> settings) {
        this.settings = Collections.unmodifiableMap(settings);
    }

    /** A cluster without security (an embedded broker, a test's). */
    public static KafkaClients of(String bootstrapServers) {
        return of(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * @param config the layered configuration's keys and values; keys that are not connection keys are left out
     * @throws IllegalArgumentException when no bootstrap servers are set
     */
    public static KafkaClients of(Map<String, String> config) {
        Map<String, String> kept = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (value != null && !value.isBlank() && (connectionKey(key) || key.startsWith("admin.")
                    || key.startsWith("producer.") || key.startsWith("consumer."))) {
                kept.put(key, value);
            }
        });
        if (!kept.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("no Kafka to use: give --bootstrap-servers, bootstrap.servers in the "
                    + "--config file, or ATTRIBUTION_BOOTSTRAP_SERVERS");
        }
        return new KafkaClients(kept);
    }

    private static boolean connectionKey(String key) {
        return CONNECTION_KEYS.contains(key) || CONNECTION_PREFIXES.stream().anyMatch(key::startsWith);
    }

    public String bootstrapServers() {
        return settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** Whether the connection is secured (TLS or SASL): then the commands say so when it fails. */
    public String securityProtocol() {
        return settings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    }

    /** Settings for an admin client; add the client's own keys to the returned (mutable) map. */
    public Map<String, Object> admin() {
        return forClient("admin.", AdminClientConfig.configNames());
    }

    /** Settings for a producer; add the producer's own keys to the returned (mutable) properties. */
    public Properties producer() {
        return properties(forClient("producer.", ProducerConfig.configNames()));
    }

    /** Settings for a consumer; add the consumer's own keys to the returned (mutable) properties. */
    public Properties consumer() {
        return properties(forClient("consumer.", ConsumerConfig.configNames()));
    }

    private Map<String, Object> forClient(String prefix, Set<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (connectionKey(key)) {
                out.put(key, value);
            }
        });
        settings.forEach((key, value) -> {
            if (key.startsWith(prefix) && known.contains(key.substring(prefix.length()))) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    private static Properties properties(Map<String, Object> map) {
        Properties p = new Properties();
        p.putAll(map);
        return p;
    }

    /** The keys this holds, values of {@code sasl.jaas.config} and passwords hidden: for messages and tests. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        settings.forEach((key, value) -> shown.put(key, key.contains("password") || key.contains("jaas")
                || key.contains("key") && !key.endsWith(".type") ? "(hidden)" : value));
        return "KafkaClients" + shown;
    }
}

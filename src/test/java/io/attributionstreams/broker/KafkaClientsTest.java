package io.attributionstreams.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.app.AppConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every client the process makes connects as Kafka Streams does, and takes nothing meant for Streams alone. */
class KafkaClientsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"app\" password=\"s3cret\";";

    private static KafkaClients secured() {
        return KafkaClients.of(AppConfig.load(null, Map.of("ATTRIBUTION_SASL_JAAS_CONFIG", JAAS), Map.of(
                "bootstrap.servers", "kafka-1:9093", "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/kafka/ca.p12", "ssl.truststore.password", "changeit",
                "group.instance.id", "pod-0", "client.id", "streams-client", "consumer.max.poll.records", "7",
                "producer.ssl.truststore.location", "/etc/kafka/producer-ca.p12", "admin.retries", "3")).asMap());
    }

    private static java.util.List<Map<Object, Object>> all(KafkaClients clients) {
        return java.util.List.of(new java.util.HashMap<>(clients.admin()), clients.producer(), clients.consumer());
    }

    @Test
    void everyKindOfClientGetsTheServersAndTheSecuritySettingsFromEveryLayer() {
        KafkaClients clients = secured();

        for (Map<Object, Object> client : all(clients)) {
            assertThat(client).containsEntry("bootstrap.servers", "kafka-1:9093")
                    .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", JAAS).containsEntry("ssl.truststore.password", "changeit");
        }
        assertThat(clients.securityProtocol()).isEqualTo("SASL_SSL");
    }

    @Test
    void settingsMeantForKafkaStreamsOrTheAppDoNotReachTheOtherClients() {
        KafkaClients clients = secured();

        for (Map<Object, Object> client : all(clients)) {
            assertThat(client).doesNotContainKeys("group.instance.id", "client.id", "application.id",
                    "processing.guarantee", "num.stream.threads", "attribution.zone");
        }
    }

    @Test
    void aPrefixedKeyReachesItsKindOfClientOnlyAboveThePlainKey() {
        KafkaClients clients = secured();

        assertThat(clients.consumer()).containsEntry("max.poll.records", "7")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12");
        assertThat(clients.producer()).doesNotContainKey("max.poll.records")
                .containsEntry("ssl.truststore.location", "/etc/kafka/producer-ca.p12");
        assertThat(clients.admin()).containsEntry("retries", "3").doesNotContainKey("max.poll.records");
        assertThat(clients.producer()).doesNotContainKey("retries");
    }

    @Test
    void withoutBootstrapServersAnywhereTheMessageSaysWhereToGiveThem() {
        assertThatThrownBy(() -> KafkaClients.of(Map.of("security.protocol", "SSL")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no Kafka to use: give --bootstrap-servers, bootstrap.servers in the --config file, or "
                        + "ATTRIBUTION_BOOTSTRAP_SERVERS");
    }

    @Test
    void itsDescriptionHidesPasswordsAndTheJaasConfig() {
        assertThat(secured().toString()).contains("SASL_SSL", "kafka-1:9093").doesNotContain("s3cret", "changeit");
    }
}

package io.attributionstreams.app;

import io.attributionstreams.broker.KafkaClients;
import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.it.RealBrokerTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * Without a key file, the instances of one application agree on one pseudonym key kept in Kafka, also
 * when they start at the same moment and both find the topic empty; another application gets its own;
 * the topic is never cleaned up (a lost key would split every identity the state holds).
 */
class KeptPseudonymKeyIT extends RealBrokerTest {

    private static KafkaClients clients() {
        return KafkaClients.of(kafka.bootstrapServers());
    }

    @Test
    void instancesStartingTogetherAgreeOnOneKeyAndAnotherApplicationHasItsOwn() throws Exception {
        List<CompletableFuture<Pseudonyms>> starting = List.of(
                CompletableFuture.supplyAsync(() -> KeptPseudonymKey.load(clients(), "together", 0)),
                CompletableFuture.supplyAsync(() -> KeptPseudonymKey.load(clients(), "together", 0)),
                CompletableFuture.supplyAsync(() -> KeptPseudonymKey.load(clients(), "together", 0)));
        String phone = "tel:+12015550123";
        String first = starting.get(0).get(60, TimeUnit.SECONDS).of(phone);
        for (CompletableFuture<Pseudonyms> other : starting) {
            assertThat(other.get(60, TimeUnit.SECONDS).of(phone)).isEqualTo(first);
        }
        assertThat(KeptPseudonymKey.load(clients(), "together", 0).of(phone)).as("a restart").isEqualTo(first);
        assertThat(KeptPseudonymKey.load(clients(), "another-app", 0).of(phone)).isNotEqualTo(first);

        try (Admin admin = Admin.create(clients().admin())) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, KeptPseudonymKey.topic("together"));
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        }
    }
}

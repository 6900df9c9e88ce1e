package io.attributionstreams.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.attributionstreams.topology.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code topics/} holds one Strimzi KafkaTopic per topic the topology reads or writes, configured as it needs. */
class TopicFilesTest {
    private static final List<String> TOPICS = List.of(Names.CUSTOMERS, Names.INTERACTIONS, Names.APPOINTMENTS,
            Names.PAYMENTS, Names.SPEND, Names.ATTRIBUTION_UPDATES, Names.CHANNEL_TOTALS, Names.CAMPAIGN_TOTALS,
            Names.MONTH_TOTALS, Names.PATH_TOTALS, Names.DLQ, Names.IDENTITY_CAPPED,
            Names.ERASURES, Names.ATTRIBUTION_CREDITS);

    private static JsonNode topic(String name) throws IOException {
        return new YAMLMapper().readTree(Path.of("topics", name + ".yaml").toFile());
    }

    @Test
    void oneKafkaTopicPerTopic() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("topics"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(TOPICS.stream().map(t -> t + ".yaml").toList());
        }
        for (String name : TOPICS) {
            JsonNode topic = topic(name);
            assertThat(topic.path("kind").asText()).isEqualTo("KafkaTopic");
            // Strimzi's v1 API (0.49+, the only one from 1.0): the same KafkaTopic schema as v1beta2, with spec required
            assertThat(topic.path("apiVersion").asText()).as(name).isEqualTo("kafka.strimzi.io/v1");
            assertThat(topic.path("spec").isObject()).as(name + " spec").isTrue();
            assertThat(topic.path("metadata").path("name").asText()).isEqualTo(name);
            assertThat(topic.path("spec").path("partitions").asInt()).isPositive();
            assertThat(topic.path("spec").path("replicas").asInt()).isPositive();
        }
    }

    @Test
    void outputsAndUpsertInputsAreCompactedAndTheDeadLettersAreNot() throws IOException {
        for (String name : TOPICS) {
            String policy = topic(name).path("spec").path("config").path("cleanup.policy").asText();
            assertThat(policy).as(name).isEqualTo(name.equals(Names.DLQ) ? "delete" : "compact");
        }
    }
}

package io.attributionstreams.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Facts in the engine's own shape: a bearer token or an HMAC, the topic's schema, one fact or many. */
class JsonFactsAdapterTest {
    private static final String TOKEN = "t".repeat(40);
    private static final String SECRET = "s3cret";
    private static final JsonFactsAdapter ADAPTER = new JsonFactsAdapter(TOKEN, SECRET);
    private static final String INTERACTION = "{\"interaction_id\":\"i1\",\"type\":\"call\",\"occurred_at\":"
            + "\"2026-03-01T10:00:00Z\",\"channel\":\"tv\",\"phone\":\"555-0100\"}";

    private static WebhookRequest request(String topic, String body, Map<String, String> headers) {
        return new WebhookRequest("http://localhost/ingest/json/" + topic, headers,
                body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void eitherTheBearerTokenOrTheSignatureLetsARequestIn() {
        byte[] body = INTERACTION.getBytes(StandardCharsets.UTF_8);
        ADAPTER.authenticate(request("interactions", INTERACTION, Map.of("Authorization", "Bearer " + TOKEN)));
        ADAPTER.authenticate(request("interactions", INTERACTION, Map.of("authorization", "bearer " + TOKEN)));
        ADAPTER.authenticate(request("interactions", INTERACTION, Map.of("X-Attribution-Signature",
                "sha256=" + Signatures.base64(Signatures.hmacSha256(SECRET, body)))));

        for (Map<String, String> wrong : List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer nope"),
                Map.of("Authorization", "Basic " + TOKEN), Map.of("X-Attribution-Signature", "sha256=AAAA"))) {
            assertThatThrownBy(() -> ADAPTER.authenticate(request("interactions", INTERACTION, wrong)))
                    .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401))
                    .hasMessageContaining("Authorization: Bearer <token> or X-Attribution-Signature");
        }
        JsonFactsAdapter tokenOnly = new JsonFactsAdapter(TOKEN, null);
        assertThatThrownBy(() -> tokenOnly.authenticate(request("interactions", INTERACTION, Map.of(
                "X-Attribution-Signature", "sha256=" + Signatures.base64(Signatures.hmacSha256(SECRET, body))))))
                .hasMessage("needs Authorization: Bearer <token>");
        assertThatThrownBy(() -> new JsonFactsAdapter(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneFactOrAnArrayOfThemGoToThePathsTopicKeyedByTheirIds() {
        List<IngestedFact> one = ADAPTER.facts(request("interactions", INTERACTION, Map.of()));
        assertThat(one).extracting(IngestedFact::topic, IngestedFact::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple("interactions", "i1"));
        assertThat(((JsonNode) one.get(0).value()).get("channel").asText()).isEqualTo("tv");

        List<IngestedFact> customers = ADAPTER.facts(request("customers",
                "[{\"customer_id\":\"c1\",\"phones\":[\"555-0100\"]},{\"customer_id\":\"c2\",\"emails\":[\"a@b.co\"]}]",
                Map.of()));
        assertThat(customers).extracting(IngestedFact::key).containsExactly("c1", "c2");
        assertThat(customers).extracting(IngestedFact::topic).containsOnly("customers");
    }

    @Test
    void aFactOutsideItsTopicsSchemaOrAnUnknownTopicIsRefusedBeforeAnyIsWritten() {
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request("interactions",
                "{\"interaction_id\":\"i1\",\"type\":\"call\",\"channel\":\"tv\",\"phone\":\"1\"}", Map.of()))))
                .startsWith("400 not a fact of interactions (schemas/interactions.schema.json): ")
                .contains("occurred_at");
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request("customers",
                "[{\"customer_id\":\"c1\"},{\"customer_id\":7}]", Map.of()))))
                .startsWith("400 fact 1: not a fact of customers");
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request("orders", "{}", Map.of()))))
                .startsWith("404 POST facts to /ingest/json/<topic>, the topic one of customers, interactions");
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request("customers", "[]", Map.of()))))
                .isEqualTo("400 send one fact, or an array of 1 to 1000");
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request("customers", "", Map.of()))))
                .isEqualTo("400 the body is empty");
    }
}

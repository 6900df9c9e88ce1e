package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.credit.CreditModels;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code GET /customers/{id}/attribution}: every status it answers, with a fake store and fake other instances. */
class CustomerAttributionEndpointTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String SELF = "app-0:8080";
    private static final String OTHER = "app-1:8080";
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults()
            .withModels(CreditModels.named(List.of("daily_split", "linear")));

    private final FakeStores stores = new FakeStores(SELF);
    private final FakeForwarding forwarding = new FakeForwarding();
    private final CustomerAttributionEndpoint endpoint = new CustomerAttributionEndpoint(stores, forwarding, SETTINGS);

    static AttributionUpdate record(String customer, String type, String model, long version) {
        return new AttributionUpdate(customer, type, model, version,
                type.equals("FIRST_CONTACT") ? null : "2025-01-05T10:00:00Z", "120.00", List.of(
                new AttributionUpdate.Touchpoint("IN1", "call", "google", "spring", "2025-01-03T14:05:00Z",
                        new BigDecimal("0.3333333333333333333333333333333333"), "40.00"),
                new AttributionUpdate.Touchpoint("IN2", "form", "facebook", null, "2025-01-04T09:00:00Z",
                        new BigDecimal("0.6666666666666666666666666666666667"), "80.00")), "0123456789abcdef");
    }

    private Reply get(String pathAndQuery) {
        return endpoint.replyTo(QueryRequest.of(pathAndQuery));
    }

    private JsonNode json(Reply reply) throws IOException {
        return PLAIN.readTree(reply.body());
    }

    @Test
    void answersTheCustomersRecordsInTheTopicsShapeFilteredByTypeAndModel() throws IOException {
        stores.customers.put("CU1", List.of(record("CU1", "FIRST_PAID", "linear", 2),
                record("CU1", "FIRST_CONTACT", "daily_split", 1), record("CU1", "FIRST_PAID", "daily_split", 3)));

        Reply all = get("/customers/CU1/attribution");
        assertThat(all.status()).isEqualTo(200);
        JsonNode body = json(all);
        assertThat(body.get("customer_id").asText()).isEqualTo("CU1");
        assertThat(body.get("attribution")).hasSize(3);
        JsonSchema schema = updatesSchema();
        body.get("attribution").forEach(r -> assertThat(schema.validate(r)).isEmpty());
        // credits exactly as the store holds them, not rounded through a double
        assertThat(all.text()).contains("\"credit\":0.3333333333333333333333333333333333");

        JsonNode paidLinear = json(get("/customers/CU1/attribution?type=first_paid&model=linear")).get("attribution");
        assertThat(paidLinear).hasSize(1);
        assertThat(paidLinear.get(0).get("version").asLong()).isEqualTo(2);
        assertThat(json(get("/customers/CU1/attribution?model=daily_split")).get("attribution")).hasSize(2);
    }

    @Test
    void aKnownCustomerWithoutAttributionHasAnEmptyList() throws IOException {
        stores.customers.put("CU2", List.of());

        Reply reply = get("/customers/CU2/attribution");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(json(reply).get("attribution")).isEmpty();
    }

    @Test
    void anUnknownCustomerIs404WithAJsonReason() throws IOException {
        Reply reply = get("/customers/NOBODY/attribution");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode body = json(reply);
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("error").asText()).isEqualTo("not_found");
        assertThat(body.get("message").asText()).isEqualTo("no customer 'NOBODY'");
    }

    @Test
    void anUnknownTypeOrModelIs400NamingWhatThisEngineComputes() throws IOException {
        stores.customers.put("CU1", List.of());

        Reply type = get("/customers/CU1/attribution?type=FIRST_KISS");
        Reply model = get("/customers/CU1/attribution?model=time_decay");

        assertThat(type.status()).isEqualTo(400);
        assertThat(json(type).get("message").asText()).isEqualTo("unknown type 'FIRST_KISS'; this engine computes "
                + "FIRST_CONTACT, FIRST_BOOKED, FIRST_ATTENDED, FIRST_PAID");
        assertThat(model.status()).isEqualTo(400);
        assertThat(json(model).get("message").asText())
                .isEqualTo("unknown model 'time_decay'; this engine computes daily_split, linear");
        assertThat(stores.reads).isEmpty();
    }

    @Test
    void aMalformedIdIs400() {
        assertThat(get("/customers/%00CU1/attribution").status()).isEqualTo(400);
        assertThat(get("/customers/%20CU1/attribution").status()).isEqualTo(400);
        assertThat(get("/customers/" + "x".repeat(300) + "/attribution").status()).isEqualTo(400);
        assertThat(get("/customers//attribution").status()).isEqualTo(400);
        assertThat(get("/customers/CU1").status()).isEqualTo(404);
        assertThat(stores.reads).isEmpty();
    }

    @Test
    void anIdIsPercentDecodedWithPlusKeptAsPlus() {
        stores.customers.put("a+b/c", List.of());

        assertThat(get("/customers/a+b%2Fc/attribution").status()).isEqualTo(200);
    }

    @Test
    void notRunningOrNoOwnerKnownIs503WithRetryAfter() {
        stores.running = false;
        Reply notRunning = get("/customers/CU1/attribution");
        stores.running = true;
        stores.owners.put("CU1", StoreView.KeyOwner.UNAVAILABLE);
        Reply noOwner = get("/customers/CU1/attribution");

        for (Reply reply : List.of(notRunning, noOwner)) {
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
        }
    }

    @Test
    void aCustomerOnAnotherInstanceIsForwardedOnceAndItsAnswerPassedOn() throws IOException {
        FakeStores other = new FakeStores(OTHER);
        other.customers.put("CU9", List.of(record("CU9", "FIRST_PAID", "daily_split", 4)));
        forwarding.instances.put(OTHER, new CustomerAttributionEndpoint(other, forwarding, SETTINGS));
        stores.owners.put("CU9", new StoreView.KeyOwner(OTHER, Set.of(), 3));
        other.owners.put("CU9", new StoreView.KeyOwner(OTHER, Set.of(), 3));

        Reply reply = get("/customers/CU9/attribution?type=FIRST_PAID");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header(Forwarding.INSTANCE)).isEqualTo(OTHER);
        assertThat(reply.header(Forwarding.VIA)).isEqualTo(SELF);
        assertThat(json(reply).get("attribution").get(0).get("version").asLong()).isEqualTo(4);
        assertThat(forwarding.calls).containsExactly(OTHER + "/customers/CU9/attribution?type=FIRST_PAID by " + SELF);
        assertThat(stores.reads).isEmpty();
    }

    @Test
    void theOwnersErrorsArePassedOn() throws IOException {
        FakeStores other = new FakeStores(OTHER);
        forwarding.instances.put(OTHER, new CustomerAttributionEndpoint(other, forwarding, SETTINGS));
        stores.owners.put("GONE", new StoreView.KeyOwner(OTHER, Set.of(), 3));
        other.owners.put("GONE", new StoreView.KeyOwner(OTHER, Set.of(), 3));

        Reply reply = get("/customers/GONE/attribution");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header(Forwarding.INSTANCE)).isEqualTo(OTHER);
    }

    @Test
    void aForwardedRequestForAKeyThatMovedIs503NotForwardedAgain() {
        stores.owners.put("CU9", new StoreView.KeyOwner(OTHER, Set.of(), 3));

        Reply reply = endpoint.replyTo(QueryRequest.of("/customers/CU9/attribution").forwardedBy(OTHER));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("1");
        assertThat(forwarding.calls).isEmpty();
    }

    @Test
    void anUnreachableOwnerIs503UnlessThisInstanceHasAStandbyCopy() {
        stores.customers.put("CU9", List.of(record("CU9", "FIRST_PAID", "daily_split", 4)));
        stores.owners.put("CU9", new StoreView.KeyOwner(OTHER, Set.of(), 3));
        Reply noStandby = get("/customers/CU9/attribution");
        stores.owners.put("CU9", new StoreView.KeyOwner(OTHER, Set.of(SELF), 3));
        Reply standby = get("/customers/CU9/attribution");

        assertThat(noStandby.status()).isEqualTo(503);
        assertThat(standby.status()).isEqualTo(200);
        assertThat(standby.header(Forwarding.STALE)).isEqualTo("true");
        assertThat(stores.reads).containsExactly("CU9 stale");
    }

    static JsonSchema updatesSchema() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("schemas", "attribution-updates.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}

package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /customers/{id}/identifiers}: the pseudonyms of a customer's phones and emails, answered
 * by the instance keeping the customer's fact, routed beside {@code /customers/{id}/attribution}.
 */
class CustomerIdentifiersEndpointTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String SELF = "app-0:8080";
    private static final String OTHER = "app-1:8080";
    private static final String P1 = "rXJ0f5mYJ8m9tQ0kzF1m1oBqg2wWk9m8b0o8p3c4d5e";
    private static final String P2 = "Zb1xN4x2n0qK8m3hT7uV6wY5zA9sD4fG1hJ2kL3mN4o";

    private final FakeStores stores = new FakeStores(SELF);
    private final FakeForwarding forwarding = new FakeForwarding();
    private final Endpoint routes = CustomerAttributionEndpoint.routing(
            new CustomerAttributionEndpoint(stores, forwarding, io.attributionstreams.attribution.AttributionSettings
                    .defaults()),
            new CustomerIdentifiersEndpoint(stores, forwarding));

    private Reply get(String path) {
        return routes.replyTo(QueryRequest.of(path));
    }

    @Test
    void answersTheCustomersPseudonymsFromTheInstanceKeepingItsFact() throws IOException {
        stores.pseudonyms.put("CU1", List.of(P1, P2));

        Reply reply = get("/customers/CU1/identifiers");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = PLAIN.readTree(reply.body());
        assertThat(body.get("customer_id").asText()).isEqualTo("CU1");
        assertThat(body.get("pseudonyms")).extracting(JsonNode::asText).containsExactly(P1, P2);
        assertThat(stores.reads).containsExactly("CU1 identifiers");
    }

    @Test
    void anUnknownOrDeletedCustomerIs404AndTheAttributionPathStillRoutesToItsEndpoint() {
        assertThat(get("/customers/NOBODY/identifiers").status()).isEqualTo(404);
        stores.customers.put("CU2", List.of());
        assertThat(get("/customers/CU2/attribution").status()).isEqualTo(200);
        assertThat(get("/customers/CU2/other").status()).isEqualTo(404);
    }

    @Test
    void aCustomerWhoseFactIsOnAnotherInstanceIsForwardedThereOnce() throws IOException {
        FakeStores other = new FakeStores(OTHER);
        other.pseudonyms.put("CU9", List.of(P2));
        forwarding.instances.put(OTHER, CustomerAttributionEndpoint.routing(request -> {
            throw new AssertionError("not the attribution endpoint");
        }, new CustomerIdentifiersEndpoint(other, forwarding)));
        // the fact's partition (the customers topic's) may differ from the answers' (by-customer)
        stores.factOwners.put("CU9", new StoreView.KeyOwner(OTHER, Set.of(), 2));
        other.factOwners.put("CU9", new StoreView.KeyOwner(OTHER, Set.of(), 2));

        Reply reply = get("/customers/CU9/identifiers");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header(Forwarding.VIA)).isEqualTo(SELF);
        assertThat(PLAIN.readTree(reply.body()).get("pseudonyms")).extracting(JsonNode::asText).containsExactly(P2);
        assertThat(stores.reads).isEmpty();
    }

    @Test
    void notRunningIs503() {
        stores.running = false;
        assertThat(get("/customers/CU1/identifiers").status()).isEqualTo(503);
    }
}

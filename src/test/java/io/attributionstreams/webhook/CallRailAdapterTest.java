package io.attributionstreams.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.normalise.RawInteraction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CallRail's signature, checked against CallRail's own published example, and its payloads mapped to facts. */
class CallRailAdapterTest {
    /** The key CallRail's documentation signs its sample post-call body with, and the signature it gets. */
    private static final String DOCS_KEY = "072e77e426f92738a72fe23c4d1953b4";
    private static final String DOCS_SIGNATURE = "UZAHbUdfm3GqL7qzilGozGzWV64=";
    private static final CallRailAdapter ADAPTER = new CallRailAdapter(DOCS_KEY, ChannelRules.defaults());

    static byte[] sample() throws IOException {
        try (InputStream in = CallRailAdapterTest.class.getResourceAsStream("/webhook/callrail-post-call.json")) {
            return in.readAllBytes();
        }
    }

    private static WebhookRequest request(byte[] body, String signature) {
        return new WebhookRequest("https://hooks.example.com/ingest/callrail",
                signature == null ? Map.of() : Map.of("Signature", signature), body, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static byte[] signed(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String signature(byte[] body) {
        return Signatures.base64(Signatures.hmacSha1(DOCS_KEY, body));
    }

    @Test
    void theDocumentationsSampleBodyIsSignedAsCallRailSaysAndNothingElseIs() throws IOException {
        byte[] body = sample();
        assertThat(body).hasSize(2279);
        assertThat(signature(body)).isEqualTo(DOCS_SIGNATURE);

        ADAPTER.authenticate(request(body, DOCS_SIGNATURE));
        assertThatThrownBy(() -> ADAPTER.authenticate(request(body, null)))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessage("no Signature header");
        byte[] tampered = body.clone();
        tampered[tampered.length - 3] = '1';
        assertThatThrownBy(() -> ADAPTER.authenticate(request(tampered, DOCS_SIGNATURE)))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> new CallRailAdapter("another key", ChannelRules.defaults())
                .authenticate(request(body, DOCS_SIGNATURE))).isInstanceOf(WebhookRejected.class);
        // a trailing newline is another body
        byte[] withNewline = (new String(body, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ADAPTER.authenticate(request(withNewline, DOCS_SIGNATURE)))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aPostCallBecomesACallInteractionUnderItsNamespacedIdWithItsUtmChannel() throws IOException {
        List<IngestedFact> facts = ADAPTER.facts(request(sample(), DOCS_SIGNATURE));

        assertThat(facts).containsExactly(new IngestedFact("interactions", "callrail:766970532",
                new RawInteraction("callrail:766970532", "call", "2018-02-19T13:41:00.236-05:00", "Paid Search",
                        "Google AdWords", "+12148654559", null, null)));
    }

    @Test
    void aCallAndItsModificationUpsertOneFactByTheResourceId() {
        String call = "{\"resource_id\":\"CAL123\",\"id\":5,\"start_time\":\"2026-03-01T10:00:00Z\","
                + "\"customer_phone_number\":\"+15555550100\",\"utm_source\":\"newsletter\",\"utm_medium\":\"email\"}";
        String modified = "{\"resource_id\":\"CAL123\",\"start_time\":\"2026-03-01T10:00:00Z\",\"changes\":[\"note\"],"
                + "\"customer_phone_number\":\"+15555550100\",\"utm_source\":\"newsletter\",\"utm_medium\":\"email\"}";

        IngestedFact first = ADAPTER.facts(request(signed(call), null)).get(0);
        IngestedFact second = ADAPTER.facts(request(signed(modified), null)).get(0);

        assertThat(first).isEqualTo(second);
        assertThat(first.key()).isEqualTo("callrail:CAL123");
        assertThat(((RawInteraction) first.value()).channel()).isEqualTo("Email");
    }

    @Test
    void formSubmissionsAndTextMessagesAreFormAndSmsFacts() {
        String form = "{\"resource_id\":\"FRM9\",\"submitted_at\":\"2026-03-02T09:30:00-05:00\","
                + "\"form_data\":{\"Your Name\":\"Ann\",\"Email Address\":\"ann@example.com\",\"Phone\":\"555-0101\"},"
                + "\"landing_page_url\":\"https://example.com/offer?utm_source=facebook&utm_medium=paid_social"
                + "&utm_campaign=spring%20sale\"}";
        String received = "{\"resource_id\":\"SCI7\",\"timestamp\":\"2026-03-03T08:00:00Z\",\"message_type\":\"sms\","
                + "\"content\":\"hi\",\"source_number\":\"+15555550102\",\"destination_number\":\"+15555550999\"}";
        String sent = "{\"resource_id\":\"SCI8\",\"timestamp\":\"2026-03-03T08:05:00Z\",\"content\":\"hello\","
                + "\"agent\":\"Bob\",\"source_number\":\"+15555550999\",\"destination_number\":\"+15555550102\"}";

        assertThat(ADAPTER.facts(request(signed(form), null)).get(0).value()).isEqualTo(new RawInteraction(
                "callrail:FRM9", "form", "2026-03-02T09:30:00-05:00", "Paid Social", "spring sale", "555-0101",
                "ann@example.com", null));
        assertThat(ADAPTER.facts(request(signed(received), null)).get(0).value()).isEqualTo(new RawInteraction(
                "callrail:SCI7", "sms", "2026-03-03T08:00:00Z", "(unassigned)", null, "+15555550102", null, null));
        assertThat(((RawInteraction) ADAPTER.facts(request(signed(sent), null)).get(0).value()).phone())
                .isEqualTo("+15555550102");
    }

    @Test
    void aFormsOwnFieldsCountOnlyWhenTheirNameIsTheWordAndTheirValueLooksThePart() {
        String form = "{\"resource_id\":\"FRM2\",\"submitted_at\":\"2026-03-02T09:30:00Z\",\"form_data\":"
                + "{\"Hotel\":\"Grand 5551234567\",\"Email opt-in\":\"true\",\"Mobile app?\":\"yes\","
                + "\"e-mail\":\"bo@example.com\",\"Cell phone\":\"(555) 010-2000\"}}";
        RawInteraction fact = (RawInteraction) ADAPTER.facts(request(signed(form), null)).get(0).value();
        assertThat(fact.email()).isEqualTo("bo@example.com");
        assertThat(fact.phone()).isEqualTo("(555) 010-2000");

        String onlyJunk = "{\"resource_id\":\"FRM3\",\"submitted_at\":\"2026-03-02T09:30:00Z\",\"form_data\":"
                + "{\"Hotel\":\"Grand 5551234567\",\"Email opt-in\":\"true\"}}";
        assertThat(status(() -> ADAPTER.facts(request(signed(onlyJunk), null))))
                .isEqualTo("400 no customer phone number or email");
    }

    @Test
    void whatCannotBeMappedIsA400WithTheReason() {
        assertThat(status(() -> ADAPTER.facts(request(signed("[1,2]"), null)))).isEqualTo("400 the body is not a JSON object");
        assertThat(status(() -> ADAPTER.facts(request(signed("{\"start_time\":\"2026-03-01T10:00:00Z\"}"), null))))
                .isEqualTo("400 no id (resource_id or id)");
        assertThat(status(() -> ADAPTER.facts(request(signed("{\"id\":1,\"customer_phone_number\":\"+15555550100\"}"),
                null)))).startsWith("400 no time");
        assertThat(status(() -> ADAPTER.facts(request(signed("{\"id\":1,\"start_time\":\"2026-03-01T10:00:00Z\"}"),
                null)))).isEqualTo("400 no customer phone number or email");
        assertThat(status(() -> ADAPTER.facts(request(signed("{\"id\":1,"), null)))).startsWith("400 the body is not JSON");
    }

    static String status(Runnable call) {
        try {
            call.run();
            return "no rejection";
        } catch (WebhookRejected e) {
            return e.status() + " " + e.getMessage();
        }
    }
}

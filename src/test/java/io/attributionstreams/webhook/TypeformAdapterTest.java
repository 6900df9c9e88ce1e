package io.attributionstreams.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.normalise.RawInteraction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typeform's signature as its documentation defines it, and responses mapped by field ref and hidden field. */
class TypeformAdapterTest {
    private static final String SECRET = "abc123";
    private static final TypeformAdapter ADAPTER = new TypeformAdapter(SECRET, TypeformAdapter.Fields.DEFAULT,
            ChannelRules.defaults());
    /** Shortened from Typeform's example payload, with hidden UTM fields and a phone answer. */
    private static final String RESPONSE = "{\"event_id\":\"LtWXD3crgy\",\"event_type\":\"form_response\","
            + "\"form_response\":{\"form_id\":\"lT4Z3j\",\"token\":\"a3a12ec67a1365927098a606107fac15\","
            + "\"submitted_at\":\"2018-01-18T18:17:02Z\",\"hidden\":{\"utm_source\":\"google\",\"utm_medium\":\"cpc\","
            + "\"utm_campaign\":\"spring\",\"src\":\"bing\"},"
            + "\"answers\":[{\"type\":\"text\",\"text\":\"Laura\",\"field\":{\"id\":\"JwWggjAKtOkA\",\"type\":\"short_text\","
            + "\"ref\":\"readable_ref_short_text\"}},"
            + "{\"type\":\"email\",\"email\":\"laura@example.com\",\"field\":{\"id\":\"SMEUb7VJz92Q\",\"type\":\"email\","
            + "\"ref\":\"readable_ref_email\"}},"
            + "{\"type\":\"email\",\"email\":\"work@example.com\",\"field\":{\"id\":\"X2\",\"type\":\"email\",\"ref\":\"work\"}},"
            + "{\"type\":\"phone_number\",\"phone_number\":\"+15555550123\",\"field\":{\"id\":\"P1\","
            + "\"type\":\"phone_number\",\"ref\":\"phone\"}}]}}";

    private static WebhookRequest request(String body, String signature) {
        return new WebhookRequest("https://hooks.example.com/ingest/typeform",
                signature == null ? Map.of() : Map.of("Typeform-Signature", signature),
                body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void theSignatureIsSha256AndBase64OfTheHmacOverTheRawBody() {
        // computed with openssl for this secret and body: Typeform publishes the algorithm, not an example
        String body = "{\"event_id\":\"LtWXD3crgy\",\"event_type\":\"form_response\"}";
        ADAPTER.authenticate(request(body, "sha256=fQ0Tf/AAVUZy1Bdk1is5tXMLH2Il2Qj36lezGX2eN6s="));

        assertThatThrownBy(() -> ADAPTER.authenticate(request(body, "fQ0Tf/AAVUZy1Bdk1is5tXMLH2Il2Qj36lezGX2eN6s=")))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> ADAPTER.authenticate(request(body + " ", "sha256=fQ0Tf/AAVUZy1Bdk1is5tXMLH2Il2Qj36lezGX2eN6s=")))
                .isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() -> ADAPTER.authenticate(request(body, null))).hasMessage("no Typeform-Signature header");
    }

    @Test
    void aResponseIsAFormUnderItsTokenWithTheFirstEmailAndPhoneAndTheHiddenUtmChannel() {
        assertThat(ADAPTER.facts(request(RESPONSE, null))).containsExactly(new IngestedFact("interactions",
                "typeform:a3a12ec67a1365927098a606107fac15", new RawInteraction("typeform:a3a12ec67a1365927098a606107fac15",
                        "form", "2018-01-18T18:17:02Z", "Paid Search", "spring", "+15555550123", "laura@example.com",
                        null)));
    }

    @Test
    void configuredRefsAndHiddenFieldNamesChooseTheAnswersAndTheTags() {
        TypeformAdapter configured = new TypeformAdapter(SECRET, new TypeformAdapter.Fields("work", "phone",
                TypeformAdapter.Fields.DEFAULT.hidden(), "customer_id").withHidden(Map.of("utm_source", "src")),
                ChannelRules.defaults());
        RawInteraction form = (RawInteraction) configured.facts(request(RESPONSE.replace("\"src\":\"bing\"",
                "\"src\":\"bing\",\"customer_id\":\"C-42\""), null)).get(0).value();

        assertThat(form.email()).isEqualTo("work@example.com");
        assertThat(form.customerId()).isEqualTo("C-42");
        assertThat(form.channel()).isEqualTo("Paid Search"); // bing / cpc
        assertThatThrownBy(() -> TypeformAdapter.Fields.DEFAULT.withHidden(Map.of("utm_term", "t")))
                .hasMessageContaining("'utm_term' is not a UTM tag or click id");
    }

    @Test
    void aResponseThatNamesNobodyOrIsNoResponseIsA400() {
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request("{\"event_type\":\"ping\"}", null))))
                .isEqualTo("400 no form_response: not a Typeform response webhook");
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request("{\"form_response\":{\"token\":\"t\","
                + "\"submitted_at\":\"2018-01-18T18:17:02Z\",\"answers\":[]}}", null))))
                .isEqualTo("400 no email or phone answer and no customer id: nothing names the customer");
    }
}

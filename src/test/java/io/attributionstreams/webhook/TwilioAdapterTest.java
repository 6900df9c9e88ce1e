package io.attributionstreams.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.normalise.RawInteraction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's signature, checked against Twilio's own published example, and its callbacks mapped to facts. */
class TwilioAdapterTest {
    /** Twilio's documentation: this URL, token and these parameters give this signature. */
    private static final String DOCS_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String DOCS_TOKEN = "12345";
    private static final String DOCS_BODY = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234"
            + "&From=%2B14158675309&To=%2B18005551212";
    private static final String DOCS_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    private static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");
    private static final TwilioAdapter ADAPTER = new TwilioAdapter(DOCS_TOKEN, ChannelRules.defaults());

    private static WebhookRequest request(String url, String body, String signature) {
        return new WebhookRequest(url, signature == null ? Map.of() : Map.of("X-Twilio-Signature", signature),
                body.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    @Test
    void theDocumentationsExampleIsSignedAsTwilioSaysWithOrWithoutTheDefaultPort() {
        ADAPTER.authenticate(request(DOCS_URL, DOCS_BODY, DOCS_SIGNATURE));
        // Twilio's back end signs with or without the default port: either URL passes, as in Twilio's own validators
        ADAPTER.authenticate(request("https://mycompany.com:443/myapp.php?foo=1&bar=2", DOCS_BODY, DOCS_SIGNATURE));
        ADAPTER.authenticate(request(DOCS_URL, DOCS_BODY, "kvajT1Ptam85bY51eRf/AJRuM3w="));
        // the parameters' order on the wire does not matter: they are sorted by name
        ADAPTER.authenticate(request(DOCS_URL, "To=%2B18005551212&From=%2B14158675309&Digits=1234"
                + "&Caller=%2B14158675309&CallSid=CA1234567890ABCDE", DOCS_SIGNATURE));

        // as in Twilio's validators, any port is also tried away: the signature was made without one
        ADAPTER.authenticate(request("https://mycompany.com:8443/myapp.php?foo=1&bar=2", DOCS_BODY, DOCS_SIGNATURE));

        for (String url : new String[] {"http://mycompany.com/myapp.php?foo=1&bar=2",
            "https://mycompany.com/myapp.php?foo=1&bar=3", "https://othercompany.com/myapp.php?foo=1&bar=2",
            "https://mycompany.com/myapp.php?bar=2&foo=1"}) {
            assertThatThrownBy(() -> ADAPTER.authenticate(request(url, DOCS_BODY, DOCS_SIGNATURE)))
                    .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
        }
        assertThatThrownBy(() -> ADAPTER.authenticate(request(DOCS_URL, DOCS_BODY.replace("1234", "1235"),
                DOCS_SIGNATURE))).isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() -> new TwilioAdapter("54321", ChannelRules.defaults())
                .authenticate(request(DOCS_URL, DOCS_BODY, DOCS_SIGNATURE))).isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() -> ADAPTER.authenticate(request(DOCS_URL, DOCS_BODY, null)))
                .hasMessage("no X-Twilio-Signature header");
    }

    @Test
    void aVoiceCallbackIsACallFromTheCallerWithTheChannelOfItsWebhookUrl() {
        String url = "https://hooks.example.com/ingest/twilio?utm_source=google&utm_medium=cpc&utm_campaign=brand";
        String status = DOCS_BODY + "&Direction=inbound&CallStatus=completed&Timestamp=Sun%2C%2001%20Mar%202026"
                + "%2010%3A15%3A30%20%2B0000";

        assertThat(ADAPTER.facts(request(url, status, null))).containsExactly(new IngestedFact("interactions",
                "twilio:CA1234567890ABCDE", new RawInteraction("twilio:CA1234567890ABCDE", "call",
                        "2026-03-01T10:15:30Z", "Paid Search", "brand", "+14158675309", null, null)));
        // timed at the call's start, which every redelivery of the final callback repeats
        assertThat(((RawInteraction) ADAPTER.facts(request(url, status + "&CallDuration=90", null)).get(0).value())
                .occurredAt()).isEqualTo("2026-03-01T10:14:00Z");
        // a final callback without a Timestamp: the time it came
        RawInteraction untimed = (RawInteraction) ADAPTER.facts(request(DOCS_URL, DOCS_BODY + "&CallStatus=busy", null))
                .get(0).value();
        assertThat(untimed.occurredAt()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(untimed.channel()).isEqualTo("(unassigned)");
    }

    @Test
    void aCallStillUnderWayWritesNothingYet() {
        for (String status : new String[] {"", "&CallStatus=ringing", "&CallStatus=in-progress", "&CallStatus=queued"}) {
            assertThat(ADAPTER.facts(request(DOCS_URL, DOCS_BODY + status, null))).as(status).isEmpty();
        }
        assertThat(ADAPTER.acknowledgement()).hasValueSatisfying(a -> {
            assertThat(a.contentType()).startsWith("text/xml");
            assertThat(a.body()).endsWith("<Response/>");
        });
    }

    @Test
    void anOutboundCallNamesTheCustomerAsItsDestinationAndAnSmsIsAnSms() {
        String outbound = "CallSid=CA9&From=%2B18005551212&To=%2B14158675309&Direction=outbound-api&CallStatus=completed";
        String sms = "MessageSid=SM1&From=%2B14158675309&To=%2B18005551212&Body=hello";

        assertThat(((RawInteraction) ADAPTER.facts(request(DOCS_URL, outbound, null)).get(0).value()).phone())
                .isEqualTo("+14158675309");
        RawInteraction text = (RawInteraction) ADAPTER.facts(request(DOCS_URL, sms, null)).get(0).value();
        assertThat(text.interactionId()).isEqualTo("twilio:SM1");
        assertThat(text.type()).isEqualTo("sms");
        assertThat(text.phone()).isEqualTo("+14158675309");
    }

    @Test
    void whatCannotBeMappedIsA400() {
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request(DOCS_URL, "Foo=1", null))))
                .isEqualTo("400 neither CallSid nor MessageSid: not a voice or SMS webhook");
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request(DOCS_URL, "CallSid=CA1&Timestamp=yesterday"
                + "&From=%2B14158675309&CallStatus=completed", null))))
                .isEqualTo("400 Timestamp is not an RFC 2822 date: yesterday");
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request(DOCS_URL, "CallSid=CA1&CallStatus=completed",
                null)))).startsWith("400 no customer number");
        assertThat(CallRailAdapterTest.status(() -> ADAPTER.facts(request(DOCS_URL, "CallSid=%zz", null))))
                .isEqualTo("400 the form body is not URL-encoded");
    }
}

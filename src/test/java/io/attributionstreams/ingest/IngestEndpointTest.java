package io.attributionstreams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.ops.HttpLimits;
import io.attributionstreams.ops.Meters;
import io.attributionstreams.ops.OpsServer;
import io.attributionstreams.testsupport.TwilioSignatures;
import io.attributionstreams.webhook.CallRailAdapter;
import io.attributionstreams.webhook.ChannelRules;
import io.attributionstreams.webhook.Signatures;
import io.attributionstreams.webhook.TwilioAdapter;
import io.attributionstreams.webhook.WebhookAdapter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's answers that need no broker to give: a broker that does not answer is a 503 the vendor retries
 * (and only once the signature held), an unknown source 404, another method 405, a body over the limit 413, a
 * bad signature 401; the URL Twilio signed is rebuilt from the proxy's headers; every answer counts by outcome.
 */
class IngestEndpointTest {
    private static final String KEY = "callrail-key";
    private static final String TOKEN = "twilio-token";
    private final HttpClient client = HttpClient.newHttpClient();
    private PrometheusMeterRegistry registry;
    private OpsServer http;
    private IngestService ingest;

    @BeforeEach
    void anInstanceWhoseBrokerDoesNotAnswer() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // closed again: nothing listens there
        }
        registry = Meters.prometheus();
        http = OpsServer.start(0, HttpLimits.DEFAULT, registry, () -> null);
        Map<String, WebhookAdapter> sources = Map.of(
                CallRailAdapter.SOURCE, new CallRailAdapter(KEY, ChannelRules.defaults()),
                TwilioAdapter.SOURCE, new TwilioAdapter(TOKEN, ChannelRules.defaults()));
        ingest = IngestService.start(http, KafkaClients.of("localhost:" + deadPort),
                new IngestSettings(sources, null, 2048, Duration.ofSeconds(2), 2), registry);
    }

    @AfterEach
    void stop() {
        ingest.close();
        http.close();
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String callrail(String body) {
        return Signatures.base64(Signatures.hmacSha1(KEY, body.getBytes(StandardCharsets.UTF_8)));
    }

    private double count(String source, String outcome) {
        return registry.get(IngestEndpoint.REQUESTS_METRIC).tags("source", source, "outcome", outcome).counter().count();
    }

    @Test
    void aSignedWebhookTheBrokerDoesNotAcknowledgeIsA503WithRetryAfter() throws Exception {
        String body = "{\"id\":1,\"start_time\":\"2026-03-01T10:00:00Z\",\"customer_phone_number\":\"+15555550100\"}";

        HttpResponse<String> response = post("/ingest/callrail", body, Map.of("Signature", callrail(body)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).contains("\"error\":\"unavailable\"").contains("retry");
        assertThat(count("callrail", "unavailable")).isEqualTo(1.0);
    }

    @Test
    void unknownSourcesOtherMethodsBigBodiesAndBadSignaturesAreRefusedBeforeTheBroker() throws Exception {
        String body = "{\"id\":1}";
        HttpResponse<String> unknown = post("/ingest/hubspot", body, Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("this instance takes").contains("callrail").contains("twilio");
        assertThat(count("other", "not_found")).isEqualTo(1.0);

        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.port()
                + "/ingest/callrail")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");

        String big = "{\"pad\":\"" + "x".repeat(3000) + "\"}";
        HttpResponse<String> tooLarge = post("/ingest/callrail", big, Map.of("Signature", callrail(big)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("larger than 2048 bytes");

        HttpResponse<String> unsigned = post("/ingest/callrail", body, Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("no Signature header");
        HttpResponse<String> forged = post("/ingest/callrail", body, Map.of("Signature", callrail(body + " ")));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(count("callrail", "unauthorized")).isEqualTo(2.0);

        HttpResponse<String> unmappable = post("/ingest/callrail", body, Map.of("Signature", callrail(body)));
        assertThat(unmappable.statusCode()).isEqualTo(400);
        assertThat(unmappable.body()).contains("\"message\":\"no time");
        assertThat(count("callrail", "bad_request")).isEqualTo(1.0);
        assertThat(count("callrail", "accepted")).isEqualTo(0.0);
    }

    @Test
    void theUrlTwilioSignedIsRebuiltFromTheProxysForwardedSchemeAndHost() throws Exception {
        // a final callback, so that the signature decides alone whether the (dead) broker is asked
        String form = "CallSid=CA1&From=%2B14158675309&To=%2B18005551212&CallStatus=completed";
        String signedUrl = "https://hooks.example.com/ingest/twilio?utm_source=google&utm_medium=cpc";
        String signature = TwilioSignatures.of(TOKEN, signedUrl, form);
        Map<String, String> forwarded = Map.of("X-Twilio-Signature", signature, "Content-Type",
                "application/x-www-form-urlencoded", "X-Forwarded-Proto", "https", "X-Forwarded-Host",
                "hooks.example.com, internal-lb:8080");

        // through the proxy the signature holds (and the dead broker answers 503); straight to the pod it cannot
        assertThat(post("/ingest/twilio?utm_source=google&utm_medium=cpc", form, forwarded).statusCode()).isEqualTo(503);
        assertThat(post("/ingest/twilio?utm_source=google&utm_medium=cpc", form, Map.of("X-Twilio-Signature", signature,
                "Content-Type", "application/x-www-form-urlencoded")).statusCode()).isEqualTo(401);
        assertThat(post("/ingest/twilio?utm_source=bing&utm_medium=cpc", form, forwarded).statusCode()).isEqualTo(401);
        // a forwarded host that is no host is not used (nor is a scheme other than http and https)
        Map<String, String> bogus = new java.util.HashMap<>(forwarded);
        bogus.put("X-Forwarded-Host", "hooks.example.com/ingest/twilio?utm_source=google#");
        bogus.put("X-Forwarded-Proto", "javascript");
        assertThat(post("/ingest/twilio?utm_source=google&utm_medium=cpc", form, bogus).statusCode()).isEqualTo(401);
        // a call still under way is acknowledged with the empty TwiML Twilio expects, and nothing is written
        String ringing = "CallSid=CA1&From=%2B14158675309&To=%2B18005551212&CallStatus=ringing";
        HttpResponse<String> early = post("/ingest/twilio?utm_source=google&utm_medium=cpc", ringing, Map.of(
                "X-Twilio-Signature", TwilioSignatures.of(TOKEN, signedUrl, ringing), "Content-Type",
                "application/x-www-form-urlencoded", "X-Forwarded-Proto", "https", "X-Forwarded-Host",
                "hooks.example.com"));
        assertThat(early.statusCode()).isEqualTo(202);
        assertThat(early.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(early.body()).endsWith("<Response/>");
    }

    @Test
    void aBodyThatDoesNotArriveWithinTheRequestTimeoutHasItsConnectionClosed() throws Exception {
        long start = System.nanoTime();
        try (java.net.Socket slow = new java.net.Socket("localhost", http.port())) {
            slow.getOutputStream().write(("POST /ingest/callrail HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100"
                    + "\r\nContent-Type: application/json\r\n\r\n{\"id\":").getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            slow.setSoTimeout(60_000);
            assertThat(slow.getInputStream().read()).isEqualTo(-1); // closed, with no answer
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HttpLimits.DEFAULT.requestTimeout()
                .plusSeconds(5));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(count("callrail", "request_timeout")).isEqualTo(1.0));
    }
}

package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.app.RunningEngine;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.BatchRun;
import io.attributionstreams.export.ExportFiles;
import io.attributionstreams.export.ParquetRows;
import io.attributionstreams.export.Exporter;
import io.attributionstreams.export.TopicReader;
import io.attributionstreams.testsupport.Cli;
import io.attributionstreams.testsupport.PrometheusScrape;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.testsupport.TwilioSignatures;
import io.attributionstreams.topology.Names;
import io.attributionstreams.webhook.Signatures;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook ingest end to end, on a real broker, as {@code run} starts it: signed CallRail, Twilio and
 * Typeform webhooks and facts in the engine's own JSON shape go in over HTTP; the facts they became are exactly
 * the interactions written by hand below, and the answers and totals equal the batch engine's on those files.
 * Then every webhook is delivered again, as vendors retry: nothing changes, not even a version.
 */
class WebhookIngestIT extends RealBrokerTest {
    private static final String APP = "webhooks";
    private static final String CALLRAIL_KEY = "072e77e426f92738a72fe23c4d1953b4";
    private static final String TWILIO_TOKEN = "twilio-auth-token";
    private static final String TYPEFORM_SECRET = "typeform-secret";
    private static final String JSON_TOKEN = "j".repeat(40);

    /** What the webhooks below must become, in the batch engine's CSV form. */
    private static final String INTERACTIONS_CSV = """
            interaction_id,type,occurred_at,channel,campaign,phone,email,customer_id
            callrail:766970532,call,2018-02-19T13:41:00.236-05:00,Paid Search,Google AdWords,+12148654559,,
            callrail:FRM1,form,2018-02-20T10:00:00Z,Paid Social,spring,,laura@example.com,
            twilio:CA1234567890ABCDE,call,2018-02-19T08:59:00Z,Paid Search,brand,+14158675309,,
            typeform:tok1,form,2018-02-21T12:00:00Z,Email,news,+14158675309,laura@example.com,
            I1,call,2018-02-18,tv,,(415) 867-5309,,
            """;
    private static final String CUSTOMERS_CSV = """
            customer_id,phone1,phone2,phone3,phone4,email1,email2
            C1,(415) 867-5309,,,,,
            C2,,,,,laura@example.com,
            C3,214-865-4559,,,,,
            """;
    private static final String APPOINTMENTS_CSV = """
            appointment_id,customer_id,booked_at,attended_at
            A1,C1,2018-02-22,
            A2,C2,2018-02-23,2018-02-24
            """;
    private static final String PAYMENTS_CSV = """
            payment_id,customer_id,paid_at,amount,currency
            P1,C1,2018-03-01,100.00,USD
            P2,C3,2018-03-02,50,USD
            """;

    private final HttpClient client = HttpClient.newHttpClient();

    private record Webhook(String path, String body, Map<String, String> headers) {
    }

    private static Map<String, Webhook> webhooks(int port) throws Exception {
        Map<String, Webhook> hooks = new LinkedHashMap<>();
        String jsonAuth = "Bearer " + JSON_TOKEN;
        hooks.put("customers", new Webhook("/ingest/json/customers", "[{\"customer_id\":\"C1\",\"phones\":[\"(415) 867-5309\"]},"
                + "{\"customer_id\":\"C2\",\"emails\":[\"laura@example.com\"]},"
                + "{\"customer_id\":\"C3\",\"phones\":[\"214-865-4559\"]}]", Map.of("Authorization", jsonAuth)));
        String interaction = "{\"interaction_id\":\"I1\",\"type\":\"call\",\"occurred_at\":\"2018-02-18\","
                + "\"channel\":\"tv\",\"phone\":\"(415) 867-5309\"}";
        hooks.put("interaction", new Webhook("/ingest/json/interactions", interaction, Map.of("X-Attribution-Signature",
                "sha256=" + Signatures.base64(Signatures.hmacSha256("json-secret", bytes(interaction))))));
        hooks.put("appointments", new Webhook("/ingest/json/appointments", "[{\"appointment_id\":\"A1\",\"customer_id\":"
                + "\"C1\",\"booked_at\":\"2018-02-22\"},{\"appointment_id\":\"A2\",\"customer_id\":\"C2\","
                + "\"booked_at\":\"2018-02-23\",\"attended_at\":\"2018-02-24\"}]", Map.of("Authorization", jsonAuth)));
        hooks.put("payments", new Webhook("/ingest/json/payments", "[{\"payment_id\":\"P1\",\"customer_id\":\"C1\","
                + "\"paid_at\":\"2018-03-01\",\"amount\":\"100.00\",\"currency\":\"USD\"},{\"payment_id\":\"P2\","
                + "\"customer_id\":\"C3\",\"paid_at\":\"2018-03-02\",\"amount\":50,\"currency\":\"USD\"}]",
                Map.of("Authorization", jsonAuth)));
        String postCall;
        try (InputStream in = WebhookIngestIT.class.getResourceAsStream("/webhook/callrail-post-call.json")) {
            postCall = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        hooks.put("post-call", callrail(postCall));
        // the same call modified later: the same fact
        hooks.put("call-modified", callrail(postCall.replace("\"note\":\"\"", "\"note\":\"called back\"")
                .replace("\"tags\":[]", "\"tags\":[],\"changes\":[\"note\"]")));
        hooks.put("form", callrail("{\"resource_id\":\"FRM1\",\"submitted_at\":\"2018-02-20T10:00:00Z\",\"form_data\":"
                + "{\"email\":\"laura@example.com\"},\"landing_page_url\":\"https://example.com/?utm_source=facebook"
                + "&utm_medium=paid&utm_campaign=spring\"}"));
        String twilioPath = "/ingest/twilio?utm_source=google&utm_medium=cpc&utm_campaign=brand";
        String call = "CallSid=CA1234567890ABCDE&From=%2B14158675309&To=%2B18005551212&Direction=inbound";
        // the call's callbacks: one while it rings (nothing written), the final one (started at 08:59:00)
        String ringing = call + "&CallStatus=ringing&Timestamp=Mon%2C%2019%20Feb%202018%2008%3A58%3A50%20%2B0000";
        String completed = call + "&CallStatus=completed&CallDuration=60"
                + "&Timestamp=Mon%2C%2019%20Feb%202018%2009%3A00%3A00%20%2B0000";
        hooks.put("twilio-ringing", new Webhook(twilioPath, ringing, Map.of("Content-Type",
                "application/x-www-form-urlencoded", "X-Twilio-Signature",
                twilio("http://localhost:" + port + twilioPath, ringing))));
        hooks.put("twilio", new Webhook(twilioPath, completed, Map.of("Content-Type",
                "application/x-www-form-urlencoded", "X-Twilio-Signature",
                twilio("http://localhost:" + port + twilioPath, completed))));
        String response = "{\"event_id\":\"e1\",\"event_type\":\"form_response\",\"form_response\":{\"token\":\"tok1\","
                + "\"submitted_at\":\"2018-02-21T12:00:00Z\",\"hidden\":{\"utm_source\":\"newsletter\","
                + "\"utm_medium\":\"email\",\"utm_campaign\":\"news\"},\"answers\":[{\"type\":\"email\",\"email\":"
                + "\"laura@example.com\",\"field\":{\"id\":\"f1\",\"type\":\"email\",\"ref\":\"email\"}},{\"type\":"
                + "\"phone_number\",\"phone_number\":\"+14158675309\",\"field\":{\"id\":\"f2\",\"type\":\"phone_number\","
                + "\"ref\":\"phone\"}}]}}";
        hooks.put("typeform", new Webhook("/ingest/typeform", response, Map.of("Typeform-Signature", "sha256="
                + Signatures.base64(Signatures.hmacSha256(TYPEFORM_SECRET, bytes(response))))));
        return hooks;
    }

    private static Webhook callrail(String body) {
        return new Webhook("/ingest/callrail", body, Map.of("Signature",
                Signatures.base64(Signatures.hmacSha1(CALLRAIL_KEY, bytes(body)))));
    }

    private static String twilio(String url, String form) {
        return TwilioSignatures.of(TWILIO_TOKEN, url, form);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(int port, Webhook hook) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + hook.path()))
                .POST(HttpRequest.BodyPublishers.ofString(hook.body()));
        hook.headers().forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path secret(Path dir, String name, String value) throws Exception {
        return Files.writeString(dir.resolve(name), value + "\n");
    }

    @Test
    void signedWebhooksBecomeTheFactsBatchIsGivenAndTheirRetriesChangeNothing(@TempDir Path tmp) throws Exception {
        Map<String, String> cli = new LinkedHashMap<>();
        cli.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cli.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        cli.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state").toString());
        cli.put(AppConfig.HTTP_PORT, "0");
        cli.put(AppConfig.PSEUDONYM_KEY_FILE, TestPseudonyms.keyFile().toString());
        cli.put(AppConfig.INGEST_CALLRAIL_KEY_FILE, secret(tmp, "callrail", CALLRAIL_KEY).toString());
        cli.put(AppConfig.INGEST_TWILIO_TOKEN_FILE, secret(tmp, "twilio", TWILIO_TOKEN).toString());
        cli.put(AppConfig.INGEST_TYPEFORM_SECRET_FILE, secret(tmp, "typeform", TYPEFORM_SECRET).toString());
        cli.put(AppConfig.INGEST_JSON_TOKEN_FILE, secret(tmp, "json-token", JSON_TOKEN).toString());
        cli.put(AppConfig.INGEST_JSON_SECRET_FILE, secret(tmp, "json-secret", "json-secret").toString());

        Path input = Files.createDirectories(tmp.resolve("input"));
        Files.writeString(input.resolve("interactions.csv"), INTERACTIONS_CSV);
        Files.writeString(input.resolve("customers.csv"), CUSTOMERS_CSV);
        Files.writeString(input.resolve("appointments.csv"), APPOINTMENTS_CSV);
        Files.writeString(input.resolve("payments.csv"), PAYMENTS_CSV);
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        BatchRun.run(input, batch, AttributionSettings.defaults(), null);

        try (RunningEngine engine = RunningEngine.start(null, Map.of(), cli)) {
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> engine.app().streams().state() == KafkaStreams.State.RUNNING);
            int port = engine.httpPort();
            Map<String, Webhook> hooks = webhooks(port);
            for (Map.Entry<String, Webhook> hook : hooks.entrySet()) {
                HttpResponse<String> response = post(port, hook.getValue());
                assertThat(response.statusCode()).as(hook.getKey() + ": " + response.body()).isEqualTo(202);
            }
            assertThat(post(port, new Webhook("/ingest/callrail", hooks.get("form").body(),
                    Map.of("Signature", "forged"))).statusCode()).isEqualTo(401);
            Exporter.awaitQuiet(kafka.bootstrapServers(), APP, Duration.ofSeconds(2), Duration.ofMinutes(2), null);

            Path first = Files.createDirectories(tmp.resolve("first"));
            Exporter.read(kafka.bootstrapServers()).write(first);
            assertThat(ExportFiles.differences(batch, first)).isEmpty();
            assertThat(Files.readAllLines(first.resolve("attribution.csv"))).hasSizeGreaterThan(1);
            // the same export for a data lake: the same rows, typed, read back with Parquet's own reader
            Path lake = tmp.resolve("lake");
            Cli.Run parquet = Cli.run("export", "--bootstrap-servers", kafka.bootstrapServers(), "--output",
                    lake.toString(), "--format", "parquet");
            assertThat(parquet.exitCode()).as(parquet.err()).isZero();
            ParquetRows.assertSameRows(batch, lake);
            assertThat(Cli.run("export", "--bootstrap-servers", kafka.bootstrapServers(), "--output",
                    lake.toString(), "--format", "xml").exitCode()).isNotZero();
            int updates = TopicReader.readAll(kafka.bootstrapServers(), Names.ATTRIBUTION_UPDATES).size();
            int interactionRecords = TopicReader.readAll(kafka.bootstrapServers(), Names.INTERACTIONS).size();

            // every vendor retries: the same webhooks again are accepted and change nothing
            for (Map.Entry<String, Webhook> hook : hooks.entrySet()) {
                assertThat(post(port, hook.getValue()).statusCode()).as(hook.getKey()).isEqualTo(202);
            }
            Exporter.awaitQuiet(kafka.bootstrapServers(), APP, Duration.ofSeconds(2), Duration.ofMinutes(2), null);
            Path again = Files.createDirectories(tmp.resolve("again"));
            Exporter.read(kafka.bootstrapServers()).write(again);
            assertThat(ExportFiles.differences(batch, again)).isEmpty();
            assertThat(TopicReader.readAll(kafka.bootstrapServers(), Names.INTERACTIONS))
                    .hasSize(interactionRecords + 6);
            assertThat(TopicReader.readAll(kafka.bootstrapServers(), Names.ATTRIBUTION_UPDATES)).hasSize(updates);

            PrometheusScrape scrape = PrometheusScrape.fetch("http://localhost:" + port + "/metrics");
            assertThat(scrape.value("attribution_ingest_requests_total", Map.of("source", "callrail",
                    "outcome", "accepted"))).isEqualTo(6.0);
            assertThat(scrape.value("attribution_ingest_requests_total", Map.of("source", "callrail",
                    "outcome", "unauthorized"))).isEqualTo(1.0);
            assertThat(scrape.value("attribution_ingest_requests_total", Map.of("source", "json",
                    "outcome", "accepted"))).isEqualTo(8.0);
            assertThat(scrape.value("attribution_ingest_facts_total", Map.of("source", "json",
                    "topic", "customers"))).isEqualTo(6.0);
        }
    }
}

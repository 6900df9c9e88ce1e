package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.ops.HttpLimits;
import io.attributionstreams.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoints on the real JDK HTTP server next to /metrics and /health, with a fake store: methods,
 * headers, the dashboard's files, the server-sent events stream, and health before Kafka Streams exists.
 */
class QueryHttpTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ServedQueries served;
    private UpdateFeed feed;
    private String base;
    private String self;

    @BeforeEach
    void serve() {
        served = new ServedQueries();
        feed = served.feed;
        base = served.base;
        self = served.self;
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void repliesNameTheInstanceAndOnlyGetIsServed() throws Exception {
        HttpResponse<String> ok = get("/customers/CU1/attribution");
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/customers/CU1/attribution"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue(Reply.JSON);
        assertThat(ok.headers().firstValue(Forwarding.INSTANCE)).hasValue(self);
        assertThat(ok.body()).startsWith("{\"customer_id\":\"CU1\",\"attribution\":[{\"customer_id\":\"CU1\"");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/customers/NOBODY/attribution").statusCode()).isEqualTo(404);
    }

    @Test
    void healthIsNotReadyBeforeKafkaStreamsExists() throws Exception {
        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"state\":\"CREATED\"}");
    }

    @Test
    void servesTheDashboardsFilesWithAStrictContentPolicyAndJson404sElsewhere() throws Exception {
        HttpResponse<String> page = get("/");
        HttpResponse<String> script = get("/dashboard.js");
        HttpResponse<String> missing = get("/admin");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self'");
        assertThat(page.body()).contains("<script src=\"/dashboard.js\"></script>").doesNotContain("http://", "https://");
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        // the live feed is read with fetch(), which can send the token EventSource cannot
        assertThat(script.body()).contains("authorizedFetch('/updates/stream'").doesNotContain("new EventSource(");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void theStreamSendsTheLatestEntriesThenEachNewOneAsAServerSentEvent() throws Exception {
        feed.add("CU1|FIRST_PAID|daily_split",
                CustomerAttributionEndpointTest.record("CU1", "FIRST_PAID", "daily_split", 1), "2025-01-05T10:00:00Z");
        HttpResponse<java.io.InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(base + UpdatesStream.PATH))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            List<String> first = event(lines);
            feed.add("CU2|FIRST_PAID|daily_split", null, "2025-01-06T10:00:00Z");
            List<String> second = event(lines);

            assertThat(first).containsExactly("id: 1", "event: update", "data: {\"seq\":1,\"at\":\"2025-01-05T10:00:00Z\","
                    + "\"customer_id\":\"CU1\",\"conversion_type\":\"FIRST_PAID\",\"model\":\"daily_split\",\"version\":1,"
                    + "\"revenue\":\"120.00\",\"top_channel\":\"facebook\",\"touchpoints\":2,\"retracted\":false}");
            assertThat(second).containsExactly("id: 2", "event: update", "data: {\"seq\":2,"
                    + "\"at\":\"2025-01-06T10:00:00Z\",\"customer_id\":\"CU2\",\"conversion_type\":\"FIRST_PAID\","
                    + "\"model\":\"daily_split\",\"retracted\":true}");
        }
        assertThat(get("/updates/recent?limit=1").body()).contains("\"customer_id\":\"CU2\"").doesNotContain("CU1");
        assertThat(get("/updates/recent?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void aStreamEndsItselfAfterItsLifetimeSoThatTheBrowserReconnectsBeforeTheServerCutsIt() throws Exception {
        try (OpsServer other = OpsServer.start(0, HttpLimits.DEFAULT, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> null)) {
            other.route(UpdatesStream.PATH, new UpdatesStream(feed, self, Duration.ofMillis(500)));
            HttpResponse<java.io.InputStream> stream = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + other.port() + UpdatesStream.PATH)).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            long start = System.nanoTime();

            String body = new String(stream.body().readAllBytes(), StandardCharsets.UTF_8); // to its end
            long took = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(body).startsWith("retry: 2000");
            assertThat(took).isLessThan(UpdatesStream.HEARTBEAT_MILLIS);
        }
    }

    /** The lines of the next event, skipping the retry hint and keep-alive comments. */
    private static List<String> event(BufferedReader lines) throws Exception {
        List<String> event = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (!event.isEmpty()) {
                    return event;
                }
            } else if (!line.startsWith(":") && !line.startsWith("retry:")) {
                event.add(line);
            }
        }
        return event;
    }
}

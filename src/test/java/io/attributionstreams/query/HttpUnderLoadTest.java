package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.ops.HttpLimits;
import io.attributionstreams.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP port with slow queries: queries that wait at a gate in a fake store hold their query
 * threads while the test asks for health, for more queries, and for live feeds, on the real JDK
 * server with the production routing ({@link QueryRoutes}). Small limits: 3 query threads and a queue
 * of 2, one customer lookup, one gathering of totals ({@code /channels}, {@code /campaigns}, {@code /months})
 * and one live feed at a time; and as many server threads as query threads, so that if queries ran on the
 * server's threads, the slow ones would take every one of them and the health probe would wait (the failure
 * this guards against).
 */
class HttpUnderLoadTest {
    private static final HttpLimits LIMITS = new HttpLimits(3, 3, 2, 1, 1, 1,
            HttpLimits.DEFAULT.requestTimeout(), HttpLimits.DEFAULT.responseTimeout(),
            HttpLimits.DEFAULT.idleTimeout(), HttpLimits.DEFAULT.forwardTimeout());
    private static final Duration AT_ONCE = Duration.ofSeconds(2);
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final UpdateFeed feed = new UpdateFeed(10);
    private final List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private OpsServer http;
    private QueryRoutes routes;
    private GatedStores stores;
    private String base;

    @BeforeEach
    void serve() {
        http = OpsServer.start(0, LIMITS, registry, () -> null);
        String self = "localhost:" + http.port();
        base = "http://" + self;
        FakeStores fake = new FakeStores(self);
        fake.customers.put("CU1", List.of(CustomerAttributionEndpointTest.record("CU1", "FIRST_PAID", "daily_split", 1)));
        fake.channelPartitions.put(self, Set.of(0));
        stores = new GatedStores(fake);
        routes = QueryRoutes.install(http, self, stores, new FakeForwarding(), ServedQueries.SIGNATURE,
                new io.attributionstreams.attribution.SettingsFingerprint.AnswerSettings(AttributionSettings.defaults(), 0, ""),
                feed);
    }

    @AfterEach
    void stop() {
        stores.open();
        feed.close();
        http.close();
        routes.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    /** A customer lookup as another instance forwards it: it skips the per-endpoint limit, so any number fill the pool. */
    private CompletableFuture<HttpResponse<String>> forwardedLookup() {
        CompletableFuture<HttpResponse<String>> reply = client.sendAsync(request("/customers/CU1/attribution")
                .header(Forwarding.FORWARDED_BY, ServedQueries.SIGNATURE.header("localhost:1", "GET",
                        "/customers/CU1/attribution")).build(), HttpResponse.BodyHandlers.ofString());
        slow.add(reply);
        return reply;
    }

    private CompletableFuture<HttpResponse<String>> slow(String path) {
        CompletableFuture<HttpResponse<String>> reply = client.sendAsync(request(path).build(),
                HttpResponse.BodyHandlers.ofString());
        slow.add(reply);
        return reply;
    }

    /** Every query thread waits at the gate. */
    private void blockEveryQueryThread() {
        for (int i = 0; i < LIMITS.queryThreads(); i++) {
            forwardedLookup();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stores.waiting() == LIMITS.queryThreads());
    }

    /** Every query thread waits at the gate and the queue is full. */
    private void fillTheQueryPool() {
        blockEveryQueryThread();
        fillTheQueue();
    }

    /** With every query thread blocked: as many more queries as the queue holds. */
    private void fillTheQueue() {
        for (int i = 0; i < LIMITS.queryQueue(); i++) {
            forwardedLookup();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> routes.queriesWaiting() == LIMITS.queryQueue());
    }

    private HttpResponse<String> getAtOnce(String path) throws Exception {
        return client.send(request(path).timeout(AT_ONCE).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@value QueryService#REFUSED_METRIC} counter. */
    private double refused(String endpoint, String reason) {
        return registry.get(QueryService.REFUSED_METRIC).tags("endpoint", endpoint, "reason", reason).counter().count();
    }

    private static void assertBusy(HttpResponse<String> reply, String message) throws Exception {
        assertThat(reply.statusCode()).isEqualTo(503);
        assertThat(reply.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(reply.headers().firstValue("Content-Type")).hasValue(Reply.JSON);
        JsonNode body = PLAIN.readTree(reply.body());
        assertThat(body.get("status").asInt()).isEqualTo(503);
        assertThat(body.get("error").asText()).isEqualTo("unavailable");
        assertThat(body.get("message").asText()).contains(message);
    }

    @Test
    void healthAndMetricsAnswerAtOnceWhileEveryQueryThreadIsBlocked() throws Exception {
        blockEveryQueryThread();
        assertAnsweredAtOnce();
        fillTheQueue();
        assertAnsweredAtOnce();

        assertThat(slow).as("the slow queries are still waiting").noneMatch(CompletableFuture::isDone);
        assertThat(stores.waiting()).isEqualTo(LIMITS.queryThreads());
        stores.open();
        for (CompletableFuture<HttpResponse<String>> reply : slow) {
            assertThat(reply.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    private void assertAnsweredAtOnce() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> live = getAtOnce("/health/live");
        HttpResponse<String> ready = getAtOnce("/health/ready");
        HttpResponse<String> metrics = getAtOnce("/metrics");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(503); // no Kafka Streams here: an answer, not a wait
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(took).isLessThan(AT_ONCE.toMillis());
        assertThat(slow).as("the slow queries are still waiting").noneMatch(CompletableFuture::isDone);
    }

    @Test
    void aQueryPastTheFullPoolAndQueueIsAnswered503WithRetryAfterAtOnce() throws Exception {
        fillTheQueryPool();

        HttpResponse<String> refused = getAtOnce("/updates/recent");
        HttpResponse<String> settings = getAtOnce("/settings"); // answered from memory on the server's threads

        assertBusy(refused, "this instance is answering as many queries as it can");
        assertThat(refused.headers().firstValue(Forwarding.INSTANCE)).hasValue(base.substring("http://".length()));
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(refused("updates_recent", "pool_full")).isEqualTo(1);
        stores.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> slow.stream().allMatch(CompletableFuture::isDone));
        // the threads are free once the answers are sent, which the client may read a moment before
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(getAtOnce("/updates/recent").statusCode()).isEqualTo(200));
    }

    @Test
    void eachExpensiveEndpointHasItsOwnLimitForClientsButNotForForwardedRequests() throws Exception {
        CompletableFuture<HttpResponse<String>> lookup = slow("/customers/CU1/attribution");
        CompletableFuture<HttpResponse<String>> channels = slow("/channels");
        await().atMost(Duration.ofSeconds(10)).until(() -> stores.waiting() == 2);

        HttpResponse<String> secondLookup = getAtOnce("/customers/CU1/attribution");
        HttpResponse<String> secondChannels = getAtOnce("/channels");
        // a client naming an instance in the header without the MAC is still a client
        HttpResponse<String> forgedForward = client.send(request("/customers/CU1/attribution")
                .header(Forwarding.FORWARDED_BY, "localhost:1").timeout(AT_ONCE).build(),
                HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> forwarded = forwardedLookup();
        await().atMost(Duration.ofSeconds(10)).until(() -> stores.waiting() == 3);

        assertBusy(secondLookup, "too many customer lookups in progress on this instance");
        assertBusy(secondChannels, "too many totals requests (/channels, /campaigns, /months, /paths) in progress on this instance");
        assertBusy(forgedForward, "too many customer lookups in progress on this instance");
        assertThat(refused("customers", "endpoint_limit")).isEqualTo(2);
        assertThat(refused("channels", "endpoint_limit")).isEqualTo(1);
        assertThat(refused("customers", "pool_full")).isZero();
        stores.open();
        assertThat(lookup.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(channels.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(forwarded.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // given back once each answer is sent, which the client may read a moment before the server lets go
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                getAtOnce("/customers/CU1/attribution").statusCode()).as("the limit is given back").isEqualTo(200));
    }

    /**
     * {@code /channels}, {@code /campaigns}, {@code /months} and {@code /paths} each gather from every instance:
     * they count against one limit together, or four such limits with the lookups' could take every query thread.
     */
    @Test
    void theGatheringsOfTotalsShareOneLimit() throws Exception {
        CompletableFuture<HttpResponse<String>> channels = slow("/channels");
        await().atMost(Duration.ofSeconds(10)).until(() -> stores.waiting() == 1);

        HttpResponse<String> campaigns = getAtOnce("/campaigns?type=FIRST_PAID");
        HttpResponse<String> months = getAtOnce("/months");
        HttpResponse<String> paths = getAtOnce("/paths?limit=5");

        assertBusy(paths, "too many totals requests (/channels, /campaigns, /months, /paths) in progress on this instance");
        assertThat(refused("paths", "endpoint_limit")).isEqualTo(1);
        assertBusy(campaigns, "too many totals requests (/channels, /campaigns, /months, /paths) in progress on this instance");
        assertBusy(months, "too many totals requests (/channels, /campaigns, /months, /paths) in progress on this instance");
        assertThat(refused("campaigns", "endpoint_limit")).isEqualTo(1);
        assertThat(refused("months", "endpoint_limit")).isEqualTo(1);
        stores.open();
        assertThat(channels.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // given back once each answer is sent, which the client may read a moment before the server lets go
        for (String path : List.of("/campaigns?type=FIRST_PAID", "/months", "/paths?limit=5")) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(getAtOnce(path).statusCode())
                    .as("the limit is given back for %s", path).isEqualTo(200));
        }
    }

    @Test
    void liveFeedsPastTheLimitAreAnswered503WhileTheOpenOneKeepsStreaming() throws Exception {
        HttpResponse<InputStream> open = client.send(request(UpdatesStream.PATH).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(open.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("retry: 2000"); // the stream runs

            HttpResponse<String> second = getAtOnce(UpdatesStream.PATH);
            HttpResponse<String> live = getAtOnce("/health/live");

            assertBusy(second, "too many open live feeds on this instance");
            assertThat(refused("live_feed", "endpoint_limit")).isEqualTo(1);
            assertThat(live.statusCode()).isEqualTo(200);
            feed.add("CU2|FIRST_PAID|daily_split", null, "2025-01-06T10:00:00Z");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("id: 1");
        }
    }
}

package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.ops.BearerToken;
import io.attributionstreams.ops.HttpSetup;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP port with a bearer token set: every endpoint that holds data (a query, {@code /settings}, the
 * live feed) answers 401 without the token, 403 with a wrong one and 200 with the right one, while the
 * dashboard's files and the probes stay open. Also the ops port: health and metrics move off the main port.
 */
class AuthenticatedHttpTest {
    private static final String TOKEN = "the-right-token-for-this-test-0123456789";
    private static final String[] PROTECTED = {"/customers/CU1/attribution", "/settings", "/updates/recent",
        UpdatesStream.PATH};

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ServedQueries served;

    @BeforeEach
    void serve() {
        served = new ServedQueries(HttpSetup.plain(0).withToken(BearerToken.of(TOKEN)).withOpsPort(0), false);
    }

    @AfterEach
    void stop() {
        served.close();
    }

    /** The status and the start of the body (a live feed's body never ends: only its first bytes). */
    private HttpResponse<InputStream> get(String base, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String start(HttpResponse<InputStream> response) throws Exception {
        try (InputStream body = response.body()) {
            return new String(body.readNBytes(11), StandardCharsets.UTF_8);
        }
    }

    @Test
    void withoutATokenEachDataEndpointAsksForOneWith401() throws Exception {
        for (String path : PROTECTED) {
            for (String authorization : new String[] {null, "Basic dXNlcjpwYXNz", "Bearer", "Bearer "}) {
                HttpResponse<InputStream> reply = get(served.base, path, authorization);
                String body = new String(reply.body().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(reply.statusCode()).as(path + " with " + authorization).isEqualTo(401);
                assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"attribution-streams\"");
                assertThat(body).startsWith("{\"status\":401,\"error\":\"unauthorized\",");
            }
        }
    }

    @Test
    void aWrongTokenIsRefusedWith403() throws Exception {
        for (String path : PROTECTED) {
            HttpResponse<InputStream> reply = get(served.base, path, "Bearer " + TOKEN.replace('9', '8'));
            String body = new String(reply.body().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(reply.statusCode()).as(path).isEqualTo(403);
            assertThat(body).startsWith("{\"status\":403,\"error\":\"forbidden\",").doesNotContain(TOKEN);
        }
        assertThat(get(served.base, "/settings", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(403);
    }

    @Test
    void theRightTokenGetsTheAnswer() throws Exception {
        assertThat(start(get(served.base, "/customers/CU1/attribution", "Bearer " + TOKEN))).isEqualTo("{\"customer_");
        assertThat(start(get(served.base, "/settings", "bearer " + TOKEN))).isEqualTo("{\"instance\"");
        HttpResponse<InputStream> feed = get(served.base, UpdatesStream.PATH, "Bearer " + TOKEN);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(start(feed)).isEqualTo("retry: 2000");
    }

    @Test
    void theDashboardsFilesStayPublicForThePageAsksForTheTokenItself() throws Exception {
        HttpResponse<InputStream> page = get(served.base, "/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body().readAllBytes(), StandardCharsets.UTF_8)).contains("id=\"login\"");
        assertThat(get(served.base, "/dashboard.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsAreOnTheOpsPortWithoutATokenAndNoLongerOnTheMainPort() throws Exception {
        String ops = "http://localhost:" + served.http.opsPort();

        assertThat(served.http.opsPort()).isNotEqualTo(served.http.port());
        HttpResponse<InputStream> metrics = get(ops, "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(new String(metrics.body().readAllBytes(), StandardCharsets.UTF_8)).contains("attribution_http_refused");
        assertThat(get(ops, "/health/live", null).statusCode()).isEqualTo(200);
        assertThat(get(ops, "/health/ready", null).statusCode()).isEqualTo(503); // no Kafka Streams in this test
        assertThat(get(ops, "/settings", null).statusCode()).isEqualTo(404); // the ops port serves nothing else
        for (String path : new String[] {"/metrics", "/health/live", "/health/ready"}) {
            assertThat(get(served.base, path, null).statusCode()).as(path).isEqualTo(404);
            assertThat(get(served.base, path, "Bearer " + TOKEN).statusCode()).as(path).isEqualTo(404);
        }
    }
}

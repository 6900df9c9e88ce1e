package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests bigger than anything the port serves are refused before an endpoint runs, with the
 * JSON error body: a body (no endpoint reads one), a long path, large headers.
 */
class RequestSizeHttpTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ServedQueries served;
    private UpdateFeed feed;
    private String base;

    @BeforeEach
    void serve() {
        served = new ServedQueries();
        feed = served.feed;
        base = served.base;
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    private static void assertRefused(HttpResponse<String> reply, int status, String error) {
        assertThat(reply.statusCode()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue(Reply.JSON);
        assertThat(reply.body()).startsWith("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\"");
    }

    @Test
    void aBodyOverTheSmallLimitIs413AndOneOfUnstatedLengthIs411() throws Exception {
        byte[] twoKilobytes = new byte[2048];
        HttpResponse<String> large = send(request("/customers/CU1/attribution")
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoKilobytes)));
        HttpResponse<String> largeToHealth = send(request("/health/live")
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoKilobytes)));
        HttpResponse<String> chunked = send(request("/customers/CU1/attribution")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[10]))));
        HttpResponse<String> small = send(request("/customers/CU1/attribution").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertRefused(large, 413, "payload_too_large");
        assertRefused(largeToHealth, 413, "payload_too_large");
        assertRefused(chunked, 411, "length_required");
        assertThat(small.statusCode()).as("a small body reaches the endpoint, which allows GET only").isEqualTo(405);
    }

    @Test
    void aLongPathIs414AndLargeHeadersAre431() throws Exception {
        HttpResponse<String> longPath = send(request("/customers/" + "C".repeat(5000) + "/attribution"));
        HttpResponse<String> largeHeaders = send(request("/customers/CU1/attribution").header("X-Padding", "p".repeat(20_000)));
        HttpResponse<String> ordinary = send(request("/customers/CU1/attribution").header("X-Padding", "p".repeat(2_000)));

        assertRefused(longPath, 414, "uri_too_long");
        assertRefused(largeHeaders, 431, "headers_too_large");
        assertThat(ordinary.statusCode()).isEqualTo(200);
    }

    @Test
    void headersPastTheJdksOwnLimitCloseTheConnectionAndTheServerServesOn() throws Exception {
        assertThatThrownBy(() -> send(request("/health/live").header("X-Padding", "p".repeat(70_000))))
                .isInstanceOf(IOException.class);

        assertThat(send(request("/health/live")).statusCode()).isEqualTo(200);
    }
}

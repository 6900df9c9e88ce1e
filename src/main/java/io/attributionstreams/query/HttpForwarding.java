package io.attributionstreams.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@link Forwarding} with the JDK's HTTP client: short timeouts, so a dead or overloaded owner means a
 * quick 503 and the query thread waiting on it is free again.
 */
final class HttpForwarding implements Forwarding {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Duration timeout;
    private final HttpClient client;

    /** @param timeout the longest a forwarded request waits for the other instance's answer (HttpRequest.timeout) */
    HttpForwarding(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // the JDK's server speaks HTTP/1.1 only
                .connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Reply get(String instance, String pathAndQuery, String self) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + instance + pathAndQuery))
                .timeout(timeout)
                .header(FORWARDED_BY, self)
                .header("Accept", Reply.JSON)
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Reply reply = new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(Reply.JSON), response.body(), Map.of());
            for (String name : new String[] {INSTANCE, STALE, "Retry-After"}) {
                String value = response.headers().firstValue(name).orElse(null);
                if (value != null) {
                    reply = reply.withHeader(name, value);
                }
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + instance, e);
        }
    }
}

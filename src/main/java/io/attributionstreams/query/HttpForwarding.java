package io.attributionstreams.query;

import io.attributionstreams.ops.BearerToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * {@link Forwarding} with the JDK's HTTP client: short timeouts, so a dead or overloaded owner means a
 * quick 503 and the query thread waiting on it is free again. Every instance shares the bearer token
 * and the forwarding key, so a forwarded request carries the token like a client's, and a signed
 * {@link #FORWARDED_BY} that only an instance can make. With TLS it speaks HTTPS, trusting what
 * {@link io.attributionstreams.ops.ServerTls} trusts.
 */
final class HttpForwarding implements Forwarding {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Duration timeout;
    private final HttpClient client;
    private final ForwardingSignature signature;
    private final Optional<BearerToken> token;
    private final String scheme;

    /**
     * @param timeout the longest a forwarded request waits for the other instance's answer (HttpRequest.timeout)
     * @param tls what to trust when the instances speak HTTPS; empty for plain HTTP
     */
    HttpForwarding(Duration timeout, ForwardingSignature signature, Optional<BearerToken> token,
            Optional<SSLContext> tls) {
        this.timeout = timeout;
        this.signature = signature;
        this.token = token;
        this.scheme = tls.isPresent() ? "https://" : "http://";
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // the JDK's server speaks HTTP/1.1 only
                .connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        tls.ifPresent(builder::sslContext);
        this.client = builder.build();
    }

    @Override
    public Reply get(String instance, String pathAndQuery, String self) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(scheme + instance + pathAndQuery))
                .timeout(timeout)
                .header(FORWARDED_BY, signature.header(self, "GET", pathAndQuery))
                .header("Accept", Reply.JSON)
                .GET();
        token.ifPresent(t -> builder.header("Authorization", t.authorization()));
        HttpRequest request = builder.build();
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

package io.attributionstreams.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import io.attributionstreams.topology.serde.Json;
import io.attributionstreams.webhook.IngestedFact;
import io.attributionstreams.webhook.WebhookAdapter;
import io.attributionstreams.webhook.WebhookRejected;
import io.attributionstreams.webhook.WebhookRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /ingest/<source>}: a vendor's webhook in, its facts to the input topics. The server's thread
 * only checks the method and the source and hands the exchange to the ingest's own threads, which read the
 * body (at most {@link IngestSettings#maxBytes()}), check its signature, map it and wait for the broker.
 *
 * <p>Answers: 202 once the broker has acknowledged every fact; 401 for a missing or wrong signature; 400 with
 * the reason for a payload the source's adapter cannot map; 404 for a source that is not configured; 405 for
 * another method; 413 over the size limit; 503 with {@code Retry-After} when the broker does not
 * acknowledge in time or the ingest is at its limit, so that the vendor retries; 500 for anything else. Each
 * answer counts in {@value #REQUESTS_METRIC} by source and outcome. A body not complete within
 * {@code attribution.http.request-timeout} has its connection closed by the server (a slow sender must not hold
 * the threads all senders share), and counts as {@code request_timeout}. Nothing of a payload is logged: it holds
 * phones and emails; a 503 logs the ids of the facts not written (a source's ids, no personal data), for a sender
 * that does not retry.
 */
final class IngestEndpoint implements HttpHandler, AutoCloseable {
    static final String PATH = "/ingest/";
    static final String REQUESTS_METRIC = "attribution.ingest.requests";
    static final String FACTS_METRIC = "attribution.ingest.facts";
    private static final Logger LOG = LoggerFactory.getLogger(IngestEndpoint.class);
    private static final String RETRY_AFTER_SECONDS = "5";
    /** A forwarded host as a proxy may send it: a name or address, and a port; anything else is not used. */
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile(
            "[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private final IngestSettings settings;
    private final FactWriter writer;
    private final MeterRegistry registry;
    private final ThreadPoolExecutor pool;
    private final Clock clock;

    IngestEndpoint(IngestSettings settings, FactWriter writer, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.writer = writer;
        this.registry = registry;
        this.clock = clock;
        // a short queue: a webhook that waits long behind a slow broker is past its sender's own timeout (Twilio
        // gives up after 15 s) and would be written after the sender had already counted it failed
        this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.threads() * 4), new io.attributionstreams.ops.NamedThreads("ingest"),
                new ThreadPoolExecutor.AbortPolicy());
        // every source's outcomes read 0 before the first request
        for (String source : settings.sources().keySet()) {
            for (Outcome outcome : Outcome.values()) {
                counter(source, outcome);
            }
        }
    }

    /** What a request came to, as the metric's tag. */
    enum Outcome {
        ACCEPTED(202), UNAUTHORIZED(401), BAD_REQUEST(400), NOT_FOUND(404), METHOD_NOT_ALLOWED(405),
        REQUEST_TIMEOUT(408), TOO_LARGE(413), ERROR(500), UNAVAILABLE(503);

        final int status;

        Outcome(int status) {
            this.status = status;
        }

        static Outcome of(int status) {
            for (Outcome outcome : values()) {
                if (outcome.status == status) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("no outcome for " + status);
        }

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getRawPath().substring(PATH.length());
        String source = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        WebhookAdapter adapter = settings.sources().get(source);
        // the metric's tag is a configured source or "other": a scanner's paths must not make new time series
        String tag = adapter == null ? "other" : source;
        if (adapter == null) {
            answer(exchange, tag, 404, "not_found", "no source '" + excerpt(source) + "' here; this instance takes "
                    + (settings.sources().isEmpty() ? "none" : String.join(", ", settings.sources().keySet())));
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            answer(exchange, tag, 405, "method_not_allowed", "webhooks are POSTed");
            return;
        }
        try {
            pool.execute(() -> ingest(exchange, source, adapter));
        } catch (RejectedExecutionException e) {
            exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
            answer(exchange, tag, 503, "unavailable", "this instance is taking as many webhooks as it can; retry");
        }
    }

    private void ingest(HttpExchange exchange, String source, WebhookAdapter adapter) {
        List<IngestedFact> facts = List.of();
        try {
            byte[] body;
            try {
                body = readAtMost(exchange.getRequestBody(), settings.maxBytes());
            } catch (IOException e) {
                // the server closes a connection whose request is not complete within its request timeout
                counter(source, Outcome.REQUEST_TIMEOUT).increment();
                exchange.close();
                return;
            }
            if (body == null) {
                answer(exchange, source, 413, "payload_too_large", "the body is larger than " + settings.maxBytes()
                        + " bytes");
                return;
            }
            WebhookRequest request = new WebhookRequest(publicUrl(exchange), headers(exchange), body, clock.instant());
            adapter.authenticate(request);
            facts = adapter.facts(request);
            writer.write(facts);
            facts.forEach(f -> Counter.builder(FACTS_METRIC).description("facts written by the webhook ingest")
                    .tags("source", source, "topic", f.topic()).register(registry).increment());
            String json = Json.MAPPER.writeValueAsString(new Accepted(facts.size(),
                    facts.stream().map(IngestedFact::key).toList()));
            answer(exchange, source, 202, adapter.acknowledgement()
                    .orElse(new WebhookAdapter.Acknowledgement("application/json; charset=utf-8", json)));
        } catch (WebhookRejected e) {
            answer(exchange, source, e.status(), Outcome.of(e.status()).tag(), e.getMessage());
        } catch (FactWriter.Unavailable e) {
            LOG.warn("webhook from {} answered 503, facts not written: {}: {}", source,
                    facts.stream().map(IngestedFact::key).toList(), e.getMessage());
            exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
            answer(exchange, source, 503, "unavailable", e.getMessage() + "; retry");
        } catch (IOException | RuntimeException e) {
            LOG.warn("webhook from {} failed: {}", source, e.getClass().getSimpleName());
            answer(exchange, source, 500, "error", "the webhook could not be taken: " + e.getClass().getSimpleName());
        }
    }

    /** The 202's body: how many facts, and their ids (namespaced by source, never personal data). */
    private record Accepted(int accepted, List<String> ids) {
    }

    private void answer(HttpExchange exchange, String source, int status, String error, String message) {
        try {
            answer(exchange, source, status, new WebhookAdapter.Acknowledgement("application/json; charset=utf-8",
                    Json.MAPPER.writeValueAsString(new Problem(status, error, message))));
        } catch (IOException e) {
            exchange.close();
        }
        LOG.debug("webhook from {} answered {}: {}", source, status, message);
    }

    private void answer(HttpExchange exchange, String source, int status, WebhookAdapter.Acknowledgement reply) {
        counter(source, Outcome.of(status)).increment();
        try (exchange) {
            byte[] bytes = reply.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            LOG.debug("webhook answer {} not delivered: {}", status, e.getClass().getSimpleName());
        }
    }

    /** The JSON error every endpoint of the port answers with. */
    private record Problem(int status, String error, String message) {
    }

    private Counter counter(String source, Outcome outcome) {
        return Counter.builder(REQUESTS_METRIC).description("webhook requests, by source and what they came to")
                .tags("source", source, "outcome", outcome.tag()).register(registry);
    }

    /** The body, or null when it is longer than {@code max} bytes (what the sender announced is not trusted). */
    static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * The URL the sender called, which Twilio signs: the configured public URL with the request's path and query,
     * or, without one, the scheme and host a proxy forwarded (or this server's own), for a deployment that passes
     * them on.
     */
    String publicUrl(HttpExchange exchange) {
        URI uri = exchange.getRequestURI();
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (settings.publicUrl() != null) {
            return settings.publicUrl() + pathAndQuery;
        }
        String proto = firstOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"));
        String host = firstOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Host"));
        if (proto == null || !(proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("https"))) {
            proto = exchange instanceof HttpsExchange ? "https" : "http";
        }
        proto = proto.toLowerCase(java.util.Locale.ROOT);
        if (host == null || !HOST.matcher(host).matches()) {
            host = exchange.getRequestHeaders().getFirst("Host");
        }
        if (host == null || !HOST.matcher(host).matches()) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return proto + "://" + host + pathAndQuery;
    }

    /** The first of a proxy's comma-separated values (the one the client's request reached it with). */
    private static String firstOf(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }

    private static String excerpt(String text) {
        String clean = text.replaceAll("[^A-Za-z0-9_.-]", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

package io.attributionstreams.ops;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Refuses, before any endpoint runs, a request bigger than anything this port serves: no endpoint but
 * the webhook ingest reads a body (413 past {@value #MAX_BODY_BYTES} bytes, 411 for a body of unannounced
 * length; the ingest has its own limit and reads a body of unannounced length up to it), the longest query
 * is a customer id of 256 characters (414 past {@value #MAX_URI_CHARS} characters), and a browser's headers
 * are a few kilobytes (431 past {@value #MAX_HEADER_BYTES} bytes). Bigger headers than the JDK's own limits
 * ({@link JdkServerSettings}) never get this far: the JDK closes the connection.
 */
final class RequestLimits extends Filter {
    static final int MAX_BODY_BYTES = 1024;
    /** An endpoint that reads a body, up to this many bytes; {@link #MAX_BODY_BYTES} for the others. */
    private final long maxBody;
    private final boolean readsBody;

    /** For endpoints that read no body. */
    RequestLimits() {
        this.maxBody = MAX_BODY_BYTES;
        this.readsBody = false;
    }

    /** For an endpoint that reads a body of up to {@code maxBody} bytes (and checks its length as it reads). */
    RequestLimits(long maxBody) {
        this.maxBody = maxBody;
        this.readsBody = true;
    }
    static final int MAX_URI_CHARS = 4096;
    static final int MAX_HEADER_BYTES = 16 * 1024;

    /** Why a request is refused: its status, the error's name and the message. */
    private record Refusal(int status, String error, String message) {
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Refusal refusal = refusal(exchange);
        if (refusal == null) {
            chain.doFilter(exchange);
            return;
        }
        try (exchange) {
            ErrorReply.send(exchange, refusal.status(), refusal.error(), refusal.message());
        }
    }

    @Override
    public String description() {
        return "refuses requests bigger than any this server serves";
    }

    private Refusal refusal(HttpExchange exchange) {
        if (exchange.getRequestURI().toString().length() > MAX_URI_CHARS) {
            return new Refusal(414, "uri_too_long",
                    "the request's path and query are longer than " + MAX_URI_CHARS + " characters");
        }
        if (headerBytes(exchange) > MAX_HEADER_BYTES) {
            return new Refusal(431, "headers_too_large",
                    "the request's headers are larger than " + MAX_HEADER_BYTES + " bytes");
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && declaredLength(length) > maxBody) {
            return new Refusal(413, "payload_too_large", readsBody ? "the body is larger than " + maxBody + " bytes"
                    : "no endpoint here reads a request body; at most " + MAX_BODY_BYTES + " bytes are accepted");
        }
        if (!readsBody && length == null && exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
            return new Refusal(411, "length_required",
                    "a request body must state its Content-Length (at most " + MAX_BODY_BYTES + " bytes)");
        }
        return null;
    }

    /** The JDK has already answered a malformed length with a 400; anything else unreadable counts as too long. */
    private static long declaredLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The headers as sent: each name, colon, space, value and line end. */
    private static long headerBytes(HttpExchange exchange) {
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + 2 + value.length() + 2;
            }
        }
        return bytes;
    }
}

package io.attributionstreams.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook as it arrived: the URL the sender called (as it saw it, scheme and host included), the
 * headers (names in lower case), the raw body, whose exact bytes the signatures cover, and when it came.
 */
public record WebhookRequest(String url, Map<String, String> headers, byte[] body, Instant received) {

    public WebhookRequest {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
    }

    /** A header's first value; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The URL's query parameters, decoded (the first value of a repeated name, names in lower case). */
    public Map<String, String> query() {
        return Utm.query(URI.create(url).getRawQuery());
    }

    /**
     * The body as {@code application/x-www-form-urlencoded} parameters, decoded, every value of each name in
     * the order sent, names as sent (their case is part of what Twilio signs).
     */
    public Map<String, List<String>> form() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        UrlEncoded.forEachPair(new String(body, StandardCharsets.UTF_8), WebhookRequest::decode,
                (name, value) -> params.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        return params;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw WebhookRejected.badRequest("the form body is not URL-encoded");
        }
    }
}

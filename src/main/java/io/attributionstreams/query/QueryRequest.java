package io.attributionstreams.query;

import io.attributionstreams.webhook.UrlEncoded;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GET request as the endpoints see it: the raw path and query (forwarded unchanged to another
 * instance), the decoded query parameters, and the instance that forwarded it, if one did.
 *
 * @param forwardedBy the {@link Forwarding#FORWARDED_BY} header: null when a client sent the request
 */
public record QueryRequest(String rawPath, String rawQuery, Map<String, String> params, String forwardedBy) {

    public QueryRequest {
        params = Map.copyOf(params);
    }

    public static QueryRequest of(URI uri, String forwardedBy) {
        return new QueryRequest(uri.getRawPath(), uri.getRawQuery(), parameters(uri.getRawQuery()), forwardedBy);
    }

    /** For tests and callers that build a request by hand: {@code /channels?type=FIRST_PAID}. */
    public static QueryRequest of(String pathAndQuery) {
        return of(URI.create(pathAndQuery), null);
    }

    public boolean forwarded() {
        return forwardedBy != null;
    }

    public QueryRequest forwardedBy(String instance) {
        return new QueryRequest(rawPath, rawQuery, params, instance);
    }

    /** A parameter's value, null when absent or empty. */
    public String param(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public String pathAndQuery() {
        return rawQuery == null ? rawPath : rawPath + '?' + rawQuery;
    }

    /** The path's segments, each percent-decoded ('+' stays '+': it is not a space in a path). */
    public String[] segments() {
        String[] raw = rawPath.replaceAll("^/+|/+$", "").split("/", -1);
        String[] decoded = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            decoded[i] = decode(raw[i].replace("+", "%2B"));
        }
        return decoded;
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        UrlEncoded.forEachPair(rawQuery, QueryRequest::decode,
                (name, value) -> params.putIfAbsent(name, value.strip()));
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw QueryProblem.badRequest("malformed percent-encoding in the request");
        }
    }
}

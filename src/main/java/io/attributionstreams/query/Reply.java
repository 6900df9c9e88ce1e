package io.attributionstreams.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.attributionstreams.topology.serde.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer, built before anything is written, so that an endpoint is a plain function from
 * request to reply that a unit test calls without a server.
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json; charset=utf-8";

    public Reply {
        headers = Map.copyOf(headers);
    }

    /** {@code value} as JSON in the project's one JSON form (the topics' field names, exact decimals). */
    public static Reply json(int status, Object value) {
        try {
            return new Reply(status, JSON, Json.MAPPER.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error body every endpoint uses: {@code {"status":404,"error":"not_found","message":"..."}}. */
    public static Reply error(int status, String error, String message) {
        return json(status, new ErrorBody(status, error, message));
    }

    /** The body of an error reply. */
    public record ErrorBody(int status, String error, String message) {
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, more);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

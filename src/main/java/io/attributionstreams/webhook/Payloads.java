package io.attributionstreams.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/** Reading vendors' JSON bodies: trees, and their values as text whatever JSON type the vendor chose. */
final class Payloads {
    /** No source excerpt in parse errors: the body may hold a phone number. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private Payloads() {
    }

    /** The body as a JSON object; 400 when it is not one. */
    static JsonNode object(byte[] body) {
        JsonNode tree = tree(body);
        if (!tree.isObject()) {
            throw WebhookRejected.badRequest("the body is not a JSON object");
        }
        return tree;
    }

    /** The body as JSON; 400 when it is not JSON. */
    static JsonNode tree(byte[] body) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw WebhookRejected.badRequest("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw WebhookRejected.badRequest("the body cannot be read as JSON");
        }
        if (tree == null || tree.isMissingNode()) {
            throw WebhookRejected.badRequest("the body is empty");
        }
        return tree;
    }

    /** A field's value as text (a string, or a number as written); null when absent, null, empty or a structure. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** The first of these fields that has a value. */
    static String first(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * The value of the first field of an object whose name and value match, e.g. an email in a site's own form
     * fields.
     */
    static String byName(JsonNode object, Pattern name, Pattern value) {
        if (object == null || !object.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (name.matcher(field.getKey()).matches()) {
                String text = text(object, field.getKey());
                if (text != null && value.matcher(text).matches()) {
                    return text;
                }
            }
        }
        return null;
    }

    /** A value in an error message: short, and with no control characters. */
    static String excerpt(String value) {
        return excerpt(value, 40);
    }

    static String excerpt(String value, int max) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max) + "...";
    }

    /** A required field; 400 naming it when absent. */
    static String required(String value, String what) {
        if (value == null) {
            throw WebhookRejected.badRequest("no " + what);
        }
        return value;
    }
}

package io.attributionstreams.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.attributionstreams.contract.InputTopics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Facts in the engine's own shape, for producers that can make an HTTP request but not a Kafka client:
 * {@code POST /ingest/json/<topic>} with one fact, or an array of up to {@value #MAX_FACTS}, each checked
 * against the topic's schema (the {@code schemas/} of the repository) before any is written. Authenticated by
 * {@code Authorization: Bearer <token>} or by {@code X-Attribution-Signature: sha256=} and Base64 of
 * HMAC-SHA256 over the raw body, whichever of the two is configured. Ids are the producer's own: a fact sent
 * twice is the same fact.
 */
public final class JsonFactsAdapter implements WebhookAdapter {
    public static final String SOURCE = "json";
    public static final int MAX_FACTS = 1000;
    private static final String PREFIX = "sha256=";
    private static final String BEARER = "bearer ";

    private final String token;
    private final String secret;
    private final Map<String, JsonSchema> schemas;

    /** @param token the bearer token, or null; @param secret the HMAC key, or null; at least one is set */
    public JsonFactsAdapter(String token, String secret) {
        if (token == null && secret == null) {
            throw new IllegalArgumentException("the json source needs a bearer token or an HMAC secret");
        }
        this.token = token;
        this.secret = secret;
        this.schemas = schemas();
    }

    private static Map<String, JsonSchema> schemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> schemas = new LinkedHashMap<>();
        for (String topic : InputTopics.ALL) {
            String resource = "/schemas/" + topic + ".schema.json";
            try (InputStream in = Objects.requireNonNull(JsonFactsAdapter.class.getResourceAsStream(resource), resource)) {
                schemas.put(topic, factory.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    @Override
    public void authenticate(WebhookRequest request) {
        boolean valid = false;
        String authorization = request.header("Authorization");
        if (token != null && authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).equalsIgnoreCase(BEARER)) {
            valid = Signatures.sameText(token, authorization.substring(BEARER.length()));
        }
        String signature = request.header("X-Attribution-Signature");
        if (secret != null && signature != null) {
            valid |= Signatures.sameText(PREFIX + Signatures.base64(Signatures.hmacSha256(secret, request.body())),
                    signature);
        }
        if (!valid) {
            throw WebhookRejected.unauthorized("needs " + String.join(" or ", accepted()));
        }
    }

    private List<String> accepted() {
        List<String> ways = new ArrayList<>();
        if (token != null) {
            ways.add("Authorization: Bearer <token>");
        }
        if (secret != null) {
            ways.add("X-Attribution-Signature: sha256=<Base64 HMAC-SHA256 of the body>");
        }
        return ways;
    }

    @Override
    public List<IngestedFact> facts(WebhookRequest request) {
        String path = URI.create(request.url()).getPath();
        String topic = path.substring(path.lastIndexOf('/') + 1);
        JsonSchema schema = schemas.get(topic);
        if (schema == null) {
            throw WebhookRejected.notFound("POST facts to /ingest/json/<topic>, the topic one of "
                    + String.join(", ", InputTopics.ALL));
        }
        JsonNode body = Payloads.tree(request.body());
        List<JsonNode> facts = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(facts::add);
        } else {
            facts.add(body);
        }
        if (facts.isEmpty() || facts.size() > MAX_FACTS) {
            throw WebhookRejected.badRequest("send one fact, or an array of 1 to " + MAX_FACTS);
        }
        List<IngestedFact> ingested = new ArrayList<>(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            JsonNode fact = facts.get(i);
            Set<ValidationMessage> problems = schema.validate(fact);
            if (!problems.isEmpty()) {
                throw WebhookRejected.badRequest((facts.size() > 1 ? "fact " + i + ": " : "") + "not a fact of "
                        + topic + " (schemas/" + topic + ".schema.json): " + Payloads.excerpt(
                                problems.iterator().next().getMessage(), 200));
            }
            String idField = InputTopics.ID_FIELDS.get(topic);
            ingested.add(new IngestedFact(topic, fact.get(idField).asText(), fact));
        }
        return ingested;
    }
}

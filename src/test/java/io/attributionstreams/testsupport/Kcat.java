package io.attributionstreams.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Debian's kcat, an independent Kafka client (librdkafka): reads a whole topic {@code read_committed}, checks
 * every value against the topic's schema in {@code schemas/}, and folds it by key, tombstones applied.
 * Without kcat installed this fails, loudly.
 */
public final class Kcat {
    /** Numbers with a fraction as exact decimals: credits have 34 digits, more than a double holds. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Kcat() {
    }

    /** What one read saw: the latest value per key, the records read, and the schema's complaints. */
    public record Fold(Map<String, JsonNode> latest, long records, List<String> problems) {
    }

    public static Fold readCommitted(String bootstrap, String topic) throws Exception {
        Process kcat;
        try {
            kcat = new ProcessBuilder("kcat", "-b", bootstrap, "-C", "-t", topic, "-o", "beginning", "-e", "-q",
                    "-J", "-X", "isolation.level=read_committed").redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("kcat is not installed: the independent-client check needs it. Install it, "
                    + "e.g. `apt-get install -y kcat`; .ci/run does so when it is missing.", e);
        }
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Path.of("schemas", topic + ".schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        Map<String, JsonNode> latest = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        long records = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(kcat.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode envelope = JSON.readTree(line);
                String key = envelope.get("key").asText();
                JsonNode payload = envelope.get("payload");
                records++;
                if (payload == null || payload.isNull()) {
                    latest.remove(key);
                    continue;
                }
                JsonNode value = JSON.readTree(payload.asText());
                schema.validate(value).forEach(m -> problems.add(topic + " " + key + ": " + m));
                latest.put(key, value);
            }
        }
        assertThat(kcat.waitFor(2, TimeUnit.MINUTES)).as("kcat ends").isTrue();
        assertThat(kcat.exitValue()).as("kcat's exit code").isZero();
        return new Fold(latest, records, problems);
    }
}

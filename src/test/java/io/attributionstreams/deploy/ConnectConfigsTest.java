package io.attributionstreams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.contract.OutputTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The connector files of {@code deploy/connect/} against the topics' JSON Schemas and the tables of
 * {@code schema.sql}: each Connect schema ({@code value.converter.schema.content}) has exactly the topic's fields,
 * optional where the topic may leave one out, decimals for every credit and cent amount (never a double that
 * would round them); each table has the key column and exactly those fields as columns, NOT NULL where the
 * topic requires them; and the sink settings that keep a table equal to its topic are there. A field added to a
 * topic without its column fails here, not in a warehouse.
 */
class ConnectConfigsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("deploy", "connect");
    private static final Pattern TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+) \\((.*?)\\n\\);",
            Pattern.DOTALL);

    private static List<Path> connectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Column name -> NOT NULL, per table of schema.sql, in order. */
    private static Map<String, Map<String, Boolean>> tables() throws IOException {
        Map<String, Map<String, Boolean>> tables = new LinkedHashMap<>();
        Matcher m = TABLE.matcher(Files.readString(DIR.resolve("schema.sql")));
        while (m.find()) {
            Map<String, Boolean> columns = new LinkedHashMap<>();
            for (String line : m.group(2).strip().split(",\\n")) {
                String[] words = line.strip().split("\\s+");
                columns.put(words[0], line.contains("NOT NULL") || line.contains("PRIMARY KEY"));
            }
            tables.put(m.group(1), columns);
        }
        return tables;
    }

    @Test
    void oneConnectorPerSunkTopicWithTheSettingsThatKeepATableEqualToIt() throws IOException {
        List<String> topics = new ArrayList<>();
        for (Path file : connectorFiles()) {
            JsonNode config = JSON.readTree(file.toFile());
            String topic = config.path("topics").asText();
            topics.add(topic);
            assertThat(file.getFileName().toString()).isEqualTo(topic + ".json");
            assertThat(config.path("connector.class").asText()).isEqualTo("io.debezium.connector.jdbc.JdbcSinkConnector");
            assertThat(config.path("insert.mode").asText()).isEqualTo("upsert");
            assertThat(config.path("delete.enabled").asText()).isEqualTo("true");
            assertThat(config.path("primary.key.mode").asText()).isEqualTo("record_key");
            assertThat(config.path("schema.evolution").asText()).isEqualTo("none");
            assertThat(config.path("consumer.override.isolation.level").asText()).isEqualTo("read_committed");
            assertThat(config.path("errors.tolerance").asText()).isEqualTo("none");
            assertThat(config.path("key.converter").asText()).isEqualTo("org.apache.kafka.connect.storage.StringConverter");
            assertThat(config.path("transforms.key.type").asText())
                    .isEqualTo("org.apache.kafka.connect.transforms.HoistField$Key");
            assertThat(config.path("transforms.key.field").asText()).isEqualTo(config.path("primary.key.fields").asText());
            assertThat(config.path("value.converter.schemas.enable").asText()).isEqualTo("true");
            assertThat(config.path("connection.password").asText()).startsWith("${file:");
        }
        assertThat(topics).containsExactlyInAnyOrder(OutputTopics.ATTRIBUTION_CREDITS, OutputTopics.CHANNEL_TOTALS,
                OutputTopics.CAMPAIGN_TOTALS, OutputTopics.MONTH_TOTALS);
    }

    @Test
    void eachConnectSchemaAndTableHasExactlyTheFieldsOfItsTopic() throws IOException {
        Map<String, Map<String, Boolean>> tables = tables();
        Set<String> sunk = new HashSet<>();
        for (Path file : connectorFiles()) {
            JsonNode config = JSON.readTree(file.toFile());
            String topic = config.path("topics").asText();
            JsonNode topicSchema = JSON.readTree(Path.of("schemas", topic + ".schema.json").toFile());
            Set<String> required = new HashSet<>();
            topicSchema.path("required").forEach(r -> required.add(r.asText()));
            JsonNode connect = JSON.readTree(config.path("value.converter.schema.content").asText());
            assertThat(connect.path("type").asText()).isEqualTo("struct");

            Map<String, JsonNode> fields = new LinkedHashMap<>();
            connect.path("fields").forEach(f -> fields.put(f.path("field").asText(), f));
            List<String> properties = new ArrayList<>();
            topicSchema.path("properties").properties().forEach(p -> properties.add(p.getKey()));
            assertThat(fields.keySet()).as(topic).containsExactlyElementsOf(properties);
            topicSchema.path("properties").properties().forEach(p -> {
                JsonNode field = fields.get(p.getKey());
                String where = topic + "." + p.getKey();
                assertThat(field.path("optional").asBoolean()).as(where + " optional")
                        .isEqualTo(!required.contains(p.getKey()));
                assertThat(connectType(field)).as(where).isEqualTo(expectedType(p.getKey(), p.getValue()));
            });

            String table = config.path("collection.name.format").asText();
            sunk.add(table);
            Map<String, Boolean> columns = tables.get(table);
            assertThat(columns).as("table " + table + " in schema.sql").isNotNull();
            List<String> expectedColumns = new ArrayList<>();
            expectedColumns.add(config.path("primary.key.fields").asText());
            expectedColumns.addAll(properties);
            assertThat(columns.keySet()).as(table).containsExactlyElementsOf(expectedColumns);
            properties.forEach(p -> assertThat(columns.get(p)).as(table + "." + p + " NOT NULL")
                    .isEqualTo(required.contains(p)));
        }
        assertThat(sunk).isEqualTo(tables.keySet());
    }

    private static String connectType(JsonNode field) {
        return field.has("name") ? field.path("name").asText() : field.path("type").asText();
    }

    /** Credits and cents exact; counts int64; the markov removal effect, a double on the topic, stays a double. */
    private static String expectedType(String name, JsonNode property) {
        String type = property.path("type").asText("string");
        if (name.equals("removal_effect")) {
            return "double";
        }
        if (type.equals("number") || (type.equals("integer") && name.endsWith("_cents"))) {
            return "org.apache.kafka.connect.data.Decimal";
        }
        return type.equals("integer") ? "int64" : "string";
    }
}

package io.attributionstreams.contracts;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.attributionstreams.topology.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the published forms of the output contract, so that a test can hold the code to them: the JSON
 * property names Jackson writes for a record, the properties a schema under {@code schemas/} allows, and
 * the "Batch files" table of docs/contract.md §7.
 */
final class ContractShapes {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");

    private ContractShapes() {
    }

    /** The property names the project's mapper ({@link Json#MAPPER}, snake_case) writes for {@code type}. */
    static Set<String> writtenNames(Class<?> type) {
        BeanDescription bean = Json.MAPPER.getSerializationConfig().introspect(Json.MAPPER.constructType(type));
        Set<String> names = new TreeSet<>();
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (property.couldSerialize()) {
                names.add(property.getName());
            }
        }
        return names;
    }

    static JsonNode schema(String file) throws IOException {
        return PLAIN.readTree(Path.of("schemas", file).toFile());
    }

    /**
     * The properties an object schema allows: its own {@code properties}, and those of each of its
     * {@code oneOf} shapes (a {@code $ref} into {@code $defs} followed), united.
     */
    static Set<String> schemaProperties(JsonNode root, JsonNode node) {
        JsonNode shape = node.has("$ref") ? resolve(root, node.get("$ref").asText()) : node;
        Set<String> names = new TreeSet<>();
        shape.path("properties").fieldNames().forEachRemaining(names::add);
        shape.path("oneOf").forEach(alternative -> names.addAll(schemaProperties(root, alternative)));
        return names;
    }

    static JsonNode resolve(JsonNode root, String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are read: " + ref);
        }
        return root.at(ref.substring(1));
    }

    /** What {@code written} and {@code published} disagree on, in words, or empty when they agree. */
    static List<String> differences(String what, Set<String> written, String where, Set<String> published) {
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(written);
        missing.removeAll(published);
        Set<String> extra = new TreeSet<>(published);
        extra.removeAll(written);
        if (!missing.isEmpty()) {
            problems.add(what + " writes " + missing + ", which " + where + " does not list");
        }
        if (!extra.isEmpty()) {
            problems.add(where + " lists " + extra + ", which " + what + " does not write");
        }
        return problems;
    }

    /**
     * The rows of the "Batch files" table in docs/contract.md §7, by file name: the columns cell of each,
     * as written.
     */
    static Map<String, String> batchFilesTable(Path contract) throws IOException {
        List<String> lines = Files.readAllLines(contract, StandardCharsets.UTF_8);
        int start = lines.indexOf("## 7. Outputs");
        while (start >= 0 && start < lines.size() && !lines.get(start).startsWith("**Batch files**")) {
            start++;
        }
        if (start < 0 || start >= lines.size()) {
            throw new IllegalStateException(contract + " has no \"Batch files\" table in §7");
        }
        Map<String, String> rows = new LinkedHashMap<>();
        for (int i = start + 1; i < lines.size() && (rows.isEmpty() || lines.get(i).startsWith("|")); i++) {
            String[] cells = lines.get(i).split("\\|");
            if (cells.length >= 3 && cells[1].trim().matches("`[^`]+\\.csv`")) {
                rows.put(cells[1].trim().replace("`", ""), cells[2].trim());
            }
        }
        return rows;
    }

    /** The first backticked list of a columns cell: the base header. */
    static List<String> baseColumns(String cell) {
        Matcher first = BACKTICKED.matcher(cell);
        if (!first.find()) {
            throw new IllegalStateException("no backticked column list in: " + cell);
        }
        return List.of(first.group(1).split(","));
    }
}

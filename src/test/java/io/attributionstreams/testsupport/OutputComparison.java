package io.attributionstreams.testsupport;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares an output folder with an expected one by key, as {@code shared/tools/compare.py}
 * does: credit within 1e-9, revenue and counts exact, times exact; for {@code time_decay}
 * (doubles) credit within 1e-6 and a cent may move between touchpoints. Returns every difference.
 */
public final class OutputComparison {
    private OutputComparison() {
    }

    public static List<String> differences(Path expected, Path actual, boolean rejects) {
        List<String> diffs = new ArrayList<>();
        diffs.addAll(compare(expected, actual, "attribution.csv",
                List.of("customer_id", "conversion_type", "model", "interaction_id"),
                List.of("conversion_at", "type", "channel", "campaign", "occurred_at", "credit", "revenue")));
        diffs.addAll(compare(expected, actual, "channels.csv", List.of("conversion_type", "model", "channel"),
                List.of("credit", "revenue", "touchpoints")));
        if (rejects) {
            diffs.addAll(compare(expected, actual, "rejects.csv", List.of("file", "line", "id"), List.of()));
        }
        return diffs;
    }

    private static List<String> compare(Path expectedDir, Path actualDir, String file, List<String> key,
            List<String> fields) {
        Map<List<String>, Map<String, String>> expected = load(expectedDir.resolve(file), key);
        Map<List<String>, Map<String, String>> actual = load(actualDir.resolve(file), key);
        List<String> diffs = new ArrayList<>();
        for (List<String> k : expected.keySet()) {
            if (!actual.containsKey(k)) {
                diffs.add(file + ": missing " + k);
            }
        }
        for (List<String> k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                diffs.add(file + ": extra " + k);
            }
        }
        for (Map.Entry<List<String>, Map<String, String>> e : expected.entrySet()) {
            Map<String, String> got = actual.get(e.getKey());
            if (got == null) {
                continue;
            }
            boolean decay = "time_decay".equals(e.getValue().get("model"));
            for (String f : fields) {
                String x = e.getValue().getOrDefault(f, "");
                String y = got.getOrDefault(f, "");
                if (!same(file, f, decay, x, y)) {
                    diffs.add(file + ": " + e.getKey() + " " + f + " expected '" + x + "' got '" + y + "'");
                }
            }
        }
        return diffs;
    }

    private static boolean same(String file, String field, boolean decay, String x, String y) {
        if (field.equals("credit")) {
            return Math.abs(Double.parseDouble(x) - Double.parseDouble(y)) <= (decay ? 1e-6 : 1e-9);
        }
        if (field.equals("revenue") && decay) {
            double tolerance = file.equals("attribution.csv") ? 0.011 : 1.0;
            return Math.abs(Double.parseDouble(x) - Double.parseDouble(y)) <= tolerance;
        }
        return x.equals(y);
    }

    private static Map<List<String>, Map<String, String>> load(Path file, List<String> key) {
        CsvMapper mapper = new CsvMapper();
        Map<List<String>, Map<String, String>> rows = new LinkedHashMap<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(Files.newBufferedReader(file))) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                List<String> k = key.stream().map(c -> row.getOrDefault(c, "")).toList();
                if (rows.put(k, row) != null) {
                    throw new AssertionError(file + ": duplicate key " + k);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}

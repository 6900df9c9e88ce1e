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
 * does: credit within 1e-9, revenue and counts exact, times exact; for {@code time_decay} and
 * {@code markov} (doubles) credit within 1e-6 and a cent may move. Only the columns the expected file
 * has are compared, and only the files it has. Returns every difference.
 */
public final class OutputComparison {
    private OutputComparison() {
    }

    public static List<String> differences(Path expected, Path actual, boolean rejects) {
        return differences(expected, actual, rejects, true);
    }

    /** @param byCampaignAndMonth whether to compare campaigns.csv and months.csv too, when expected has them */
    public static List<String> differences(Path expected, Path actual, boolean rejects, boolean byCampaignAndMonth) {
        List<String> diffs = new ArrayList<>();
        diffs.addAll(compare(expected, actual, "attribution.csv",
                List.of("customer_id", "conversion_type", "model", "interaction_id"),
                List.of("conversion_at", "type", "channel", "campaign", "occurred_at", "credit", "revenue")));
        List<String> money = List.of("credit", "revenue", "touchpoints", "spend", "roas", "cost_per_conversion");
        diffs.addAll(compare(expected, actual, "channels.csv", List.of("conversion_type", "model", "channel"),
                List.of("credit", "revenue", "touchpoints", "removal_effect", "spend", "roas", "cost_per_conversion")));
        if (byCampaignAndMonth && Files.exists(expected.resolve("campaigns.csv"))) {
            diffs.addAll(compare(expected, actual, "campaigns.csv",
                    List.of("conversion_type", "model", "channel", "campaign"), money));
        }
        if (byCampaignAndMonth && Files.exists(expected.resolve("months.csv"))) {
            diffs.addAll(compare(expected, actual, "months.csv",
                    List.of("conversion_type", "model", "month", "channel"), money));
        }
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
            String model = e.getValue().get("model");
            boolean decay = "time_decay".equals(model) || "markov".equals(model);
            for (String f : fields) {
                if (!e.getValue().containsKey(f)) {
                    continue;
                }
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
        if (x.equals(y)) {
            return true;
        }
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        if (field.equals("credit")) {
            return Math.abs(Double.parseDouble(x) - Double.parseDouble(y)) <= (decay ? 1e-6 : 1e-9);
        }
        if (field.equals("removal_effect")) {
            return Math.abs(Double.parseDouble(x) - Double.parseDouble(y)) <= 1e-9;
        }
        if (decay && (field.equals("revenue") || field.equals("roas") || field.equals("cost_per_conversion"))) {
            double tolerance = switch (field) {
                case "roas" -> 0.001;
                case "cost_per_conversion" -> 0.011;
                default -> file.equals("attribution.csv") ? 0.011 : 1.0;
            };
            return Math.abs(Double.parseDouble(x) - Double.parseDouble(y)) <= tolerance;
        }
        return false;
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

package io.attributionstreams.replay;

import io.attributionstreams.batch.CsvFactReader;
import io.attributionstreams.batch.CsvRow;
import io.attributionstreams.batch.FactFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The order in which replay sends the rows of the four CSV files: file order (customers,
 * interactions, appointments, payments), or shuffled across all four files with each id's rows
 * kept in file order, as Kafka keeps order per key and nothing more, so the last row still wins.
 */
public final class ReplayPlan {
    private ReplayPlan() {
    }

    public static List<CsvRow> inFileOrder(Path dir) {
        List<CsvRow> rows = new ArrayList<>();
        for (FactFile file : FactFile.toRead(dir)) {
            CsvFactReader.read(dir, file, rows::add);
        }
        return rows;
    }

    public static List<CsvRow> shuffled(List<CsvRow> rows, long seed) {
        Map<String, List<CsvRow>> byKey = new LinkedHashMap<>();
        int unkeyed = 0;
        for (CsvRow row : rows) {
            String id = keyOf(row);
            String group = id == null ? "#" + unkeyed++ : row.file().ordinal() + "/" + id;
            byKey.computeIfAbsent(group, k -> new ArrayList<>()).add(row);
        }
        List<List<CsvRow>> slots = new ArrayList<>(rows.size());
        byKey.values().forEach(list -> list.forEach(r -> slots.add(list)));
        Collections.shuffle(slots, new Random(seed));
        Map<List<CsvRow>, Integer> next = new java.util.IdentityHashMap<>();
        List<CsvRow> out = new ArrayList<>(rows.size());
        for (List<CsvRow> group : slots) {
            int i = next.merge(group, 1, Integer::sum) - 1;
            out.add(group.get(i));
        }
        return out;
    }

    /** The fact id of a row, trimmed; null when it has none. */
    public static String keyOf(CsvRow row) {
        String id = row.id();
        if (id == null) {
            return null;
        }
        String trimmed = id.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /**
     * The record key a row is sent with: its fact id, or the empty key for a row without one (the
     * input topics are compacted and refuse a null key; the app rejects the row to the dead-letter
     * topic as it would any fact missing its id).
     */
    public static String recordKey(CsvRow row) {
        String id = keyOf(row);
        return id == null ? "" : id;
    }
}

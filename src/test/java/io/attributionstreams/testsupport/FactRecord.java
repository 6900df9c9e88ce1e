package io.attributionstreams.testsupport;

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
 * One record for an input topic: the file (so the topic) it comes from, its key (the fact id, or
 * null), and its raw value in the JSON form (null for a tombstone).
 */
public record FactRecord(FactFile file, String key, Object value) {

    /** Every row of the fact files, customers first, in file order: what a replay in file order sends. */
    public static List<FactRecord> read(Path dir) {
        List<FactRecord> records = new ArrayList<>();
        for (FactFile file : FactFile.toRead(dir)) {
            CsvFactReader.read(dir, file, row -> records.add(of(row)));
        }
        return records;
    }

    public static FactRecord of(CsvRow row) {
        Object raw = switch (row.file()) {
            case CUSTOMERS -> row.customer();
            case INTERACTIONS -> row.interaction();
            case APPOINTMENTS -> row.appointment();
            case PAYMENTS -> row.payment();
            case SPEND -> row.spend();
        };
        String id = row.id() == null ? null : row.id().strip();
        return new FactRecord(row.file(), id == null || id.isEmpty() ? null : id, raw);
    }

    public static FactRecord tombstone(FactFile file, String key) {
        return new FactRecord(file, key, null);
    }

    /**
     * A random interleaving of all records that keeps each key's records in their order, as Kafka
     * keeps order per key (per topic) and nothing across topics or keys.
     */
    public static List<FactRecord> shuffled(List<FactRecord> records, Random random) {
        Map<String, List<FactRecord>> byKey = new LinkedHashMap<>();
        int unkeyed = 0;
        for (FactRecord r : records) {
            String group = r.key() == null ? "#" + unkeyed++ : r.file() + "/" + r.key();
            byKey.computeIfAbsent(group, k -> new ArrayList<>()).add(r);
        }
        List<String> slots = new ArrayList<>();
        byKey.forEach((key, list) -> list.forEach(r -> slots.add(key)));
        Collections.shuffle(slots, random);
        Map<String, Integer> next = new LinkedHashMap<>();
        List<FactRecord> out = new ArrayList<>(records.size());
        for (String key : slots) {
            int i = next.merge(key, 1, Integer::sum) - 1;
            out.add(byKey.get(key).get(i));
        }
        return out;
    }

    /** All records in reverse order, except that each key keeps its own order. */
    public static List<FactRecord> reversed(List<FactRecord> records) {
        Map<String, List<FactRecord>> byKey = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        int unkeyed = 0;
        for (FactRecord r : records) {
            String group = r.key() == null ? "#" + unkeyed++ : r.file() + "/" + r.key();
            byKey.computeIfAbsent(group, k -> new ArrayList<>()).add(r);
            order.add(group);
        }
        Collections.reverse(order);
        Map<String, Integer> next = new LinkedHashMap<>();
        List<FactRecord> out = new ArrayList<>(records.size());
        for (String key : order) {
            int i = next.merge(key, 1, Integer::sum) - 1;
            out.add(byKey.get(key).get(i));
        }
        return out;
    }
}

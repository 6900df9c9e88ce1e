package io.attributionstreams.topology.outputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.UpdateKey;
import io.attributionstreams.topology.events.Keyed;
import io.attributionstreams.topology.serde.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The records that carry one answer on {@code attribution-updates}, none over {@link #MAX_RECORD_BYTES}:
 * a topic takes at most 1 MiB a record by default, and a customer on a busy shared line can have a
 * hundred thousand touchpoints. An answer that fits is one record, as it always was. A larger one is
 * its part records (a run of touchpoints each, in order), then the answer record naming how many parts
 * and touchpoints it has; all of them go out in one transaction to one partition, so a
 * {@code read_committed} reader that meets the answer record has already read every part of it. Parts
 * an earlier, larger version had and this one has not get tombstones, so compaction removes them.
 */
public final class AnswerParts {
    /** The most JSON one record carries: a quarter of the topic's default limit, leaving room for the key. */
    public static final int MAX_RECORD_BYTES = 256 * 1024;
    /** Room for a record's own fields (ids, type, model, version, part numbers) around its touchpoints. */
    private static final int ENVELOPE_BYTES = 8 * 1024;
    private static final ObjectWriter TOUCHPOINT = Json.MAPPER.writerFor(AttributionUpdate.Touchpoint.class);

    private AnswerParts() {
    }

    /**
     * Records to write, in order, and how many part records the answer now has on the topic (0: one record,
     * or removed), which the next version needs to know which parts to remove.
     */
    public record Written(List<Keyed<AttributionUpdate>> records, int parts) {
    }

    /**
     * The records to write for a new version of an answer, in order.
     *
     * @param previousParts how many part records the version before had (0: none, or it was one record)
     */
    public static Written of(AttributionUpdate answer, int previousParts) {
        List<List<AttributionUpdate.Touchpoint>> runs = runs(answer.touchpoints());
        List<Keyed<AttributionUpdate>> records = new ArrayList<>(runs.size() + 1 + previousParts);
        if (runs.size() == 1) {
            records.add(new Keyed<>(answer.key(), answer));
        } else {
            for (int n = 1; n <= runs.size(); n++) {
                AttributionUpdate part = answer.part(n, runs.size(), runs.get(n - 1));
                records.add(new Keyed<>(part.key(), part));
            }
            records.add(new Keyed<>(answer.key(), answer.header(runs.size())));
        }
        int parts = partCount(runs.size());
        addPartTombstones(records, answer.key(), parts + 1, previousParts);
        return new Written(records, parts);
    }

    /** The tombstones that remove an answer: its parts' and its own. */
    public static Written removal(String answerKey, int previousParts) {
        List<Keyed<AttributionUpdate>> records = new ArrayList<>(previousParts + 1);
        addPartTombstones(records, answerKey, 1, previousParts);
        records.add(new Keyed<>(answerKey, null));
        return new Written(records, 0);
    }

    /** Part records written for an answer split into {@code runs} runs: none when it fit in one record. */
    private static int partCount(int runs) {
        return runs == 1 ? 0 : runs;
    }

    private static void addPartTombstones(List<Keyed<AttributionUpdate>> records, String answerKey, int from,
            int to) {
        for (int n = from; n <= to; n++) {
            records.add(new Keyed<>(UpdateKey.partKey(answerKey, n), null));
        }
    }

    /**
     * The touchpoints cut into runs that each fit in a record. Most answers are a few touchpoints, and an
     * upper bound of their size (six bytes a character covers UTF-8 and JSON escapes) shows at once that
     * they fit; only a larger answer measures each touchpoint as the serde will write it.
     */
    static List<List<AttributionUpdate.Touchpoint>> runs(List<AttributionUpdate.Touchpoint> touchpoints) {
        int budget = MAX_RECORD_BYTES - ENVELOPE_BYTES;
        long bound = 0;
        for (AttributionUpdate.Touchpoint t : touchpoints) {
            bound += upperBound(t);
        }
        if (bound <= budget) {
            return List.of(touchpoints);
        }
        List<List<AttributionUpdate.Touchpoint>> runs = new ArrayList<>();
        List<AttributionUpdate.Touchpoint> run = new ArrayList<>();
        int size = 0;
        for (AttributionUpdate.Touchpoint t : touchpoints) {
            int bytes = exactSize(t) + 1; // and its comma
            if (size + bytes > budget && !run.isEmpty()) {
                runs.add(List.copyOf(run));
                run.clear();
                size = 0;
            }
            run.add(t);
            size += bytes;
        }
        runs.add(List.copyOf(run));
        return runs;
    }

    private static long upperBound(AttributionUpdate.Touchpoint t) {
        return 160L + 6L * (length(t.interactionId()) + length(t.type()) + length(t.channel())
                + length(t.campaign()) + length(t.occurredAt()) + length(t.revenue()))
                + t.credit().toPlainString().length();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static int exactSize(AttributionUpdate.Touchpoint t) {
        try {
            return TOUCHPOINT.writeValueAsBytes(t).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a touchpoint could not be written as JSON", e);
        }
    }
}

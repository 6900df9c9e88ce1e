package io.attributionstreams.topology.attribution;

import io.attributionstreams.topology.outputs.TotalKind;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The delta key of each channel, campaign and month row ({@link TotalKind#deltaKey}), built once per row and then
 * handed out as the same string. Why: every answer change sends a delta per row it moves, each of which had built its
 * key anew (a campaign's with the channel escaped, a month's with the month formatted) and hashed it again where the
 * deltas are summed; with the row's one string, its hash is computed once and comparing it with itself is at once
 * done. Rows are few (types, models, channels, campaigns and months); past {@link #MAX_ROWS} (input with ever new
 * campaign names) the keys are dropped and built again as they come, so memory stays bounded.
 */
final class DeltaKeys {
    static final int MAX_ROWS = 20_000;
    private final Map<Object, String> keys = new HashMap<>();

    /** The delta key of {@code row}, a row of {@code kind} whose topic key {@code topicKey} gives. */
    <K> String of(TotalKind kind, K row, Function<K, String> topicKey) {
        String key = keys.get(row);
        if (key == null) {
            if (keys.size() >= MAX_ROWS) {
                keys.clear();
            }
            key = kind.deltaKey(topicKey.apply(row));
            keys.put(row, key);
        }
        return key;
    }

    int size() {
        return keys.size();
    }
}

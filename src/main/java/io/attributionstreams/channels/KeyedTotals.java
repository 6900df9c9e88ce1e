package io.attributionstreams.channels;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Totals by any key (campaign, month), added from contributions as {@link ChannelTotals} adds channels'. */
public final class KeyedTotals<K extends Comparable<K>> {
    private final Map<K, ChannelTotal> totals = new HashMap<>();

    public void add(Map<K, ChannelTotal> contribution) {
        contribution.forEach((key, part) -> totals.merge(key, part, ChannelTotal::plus));
    }

    /** Adds totals summed elsewhere (a chunk of customers, by one of the batch engine's workers). */
    public void add(KeyedTotals<K> other) {
        add(other.totals);
    }

    /** The rows that exist (at least one customer), sorted by key. */
    public SortedMap<K, ChannelTotal> rows() {
        SortedMap<K, ChannelTotal> rows = new TreeMap<>();
        totals.forEach((key, total) -> {
            if (total.customers() > 0) {
                rows.put(key, total);
            }
        });
        return Collections.unmodifiableSortedMap(rows);
    }
}

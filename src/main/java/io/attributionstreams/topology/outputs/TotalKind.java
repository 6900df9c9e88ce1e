package io.attributionstreams.topology.outputs;

import io.attributionstreams.topology.Names;
import java.util.List;

/**
 * The kinds of totals step 4 keeps (docs/contract.md §7, §12 and §15), which share its per-task sums and
 * its repartition: a delta's key says its kind. A channel key keeps the form it has always had (its topic
 * key, which starts with a conversion type); campaign and month keys carry a prefix no conversion type
 * has. Each kind has its own store and output topic, under its topic key.
 */
public enum TotalKind {
    CHANNEL("", Names.CHANNEL_TOTALS_STORE),
    CAMPAIGN("campaigns|", Names.CAMPAIGN_TOTALS_STORE),
    MONTH("months|", Names.MONTH_TOTALS_STORE),
    PATH("paths|", Names.PATH_TOTALS_STORE);

    private final String prefix;
    private final String store;

    TotalKind(String prefix, String store) {
        this.prefix = prefix;
        this.store = store;
    }

    /** The key of a delta of this kind, from the row's topic key. */
    public String deltaKey(String topicKey) {
        return prefix + topicKey;
    }

    public String store() {
        return store;
    }

    /** The kind of a delta's key. */
    public static TotalKind of(String deltaKey) {
        for (TotalKind kind : List.of(CAMPAIGN, MONTH, PATH)) {
            if (deltaKey.startsWith(kind.prefix)) {
                return kind;
            }
        }
        return CHANNEL;
    }

    /** The row's topic key (and store key) of a delta's key. */
    public String topicKey(String deltaKey) {
        return deltaKey.substring(prefix.length());
    }
}

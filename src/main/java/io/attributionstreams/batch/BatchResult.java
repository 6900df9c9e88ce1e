package io.attributionstreams.batch;

import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import java.util.List;
import java.util.SortedMap;

/**
 * What a batch computation leaves besides the attribution rows (which are streamed to a sink in
 * output order, never held all at once): the channel totals, the rejects, counts, and the
 * identifiers the claimant cap left linking nobody (raw: write them only as pseudonyms).
 */
public record BatchResult(
        SortedMap<ChannelKey, ChannelTotal> channels,
        List<Reject> rejects,
        long rows,
        long customers,
        long convertedCustomers,
        long attributionRows,
        SortedMap<String, Integer> capped) {

    public BatchResult(SortedMap<ChannelKey, ChannelTotal> channels, List<Reject> rejects, long rows, long customers,
            long convertedCustomers, long attributionRows) {
        this(channels, rejects, rows, customers, convertedCustomers, attributionRows, java.util.Collections.emptySortedMap());
    }
}

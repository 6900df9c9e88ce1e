package io.attributionstreams.batch;

import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.channels.PathKey;
import io.attributionstreams.channels.SpendTotals;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * What a batch computation leaves besides the attribution rows (which are streamed to a sink in
 * output order, never held all at once): the channel, campaign and monthly totals (with a row for
 * money spent for nothing), the path summary (conversions as customers), the removal effects of the {@code markov} rows, the spend sums (null when
 * the input had no spend facts), the rejects, counts, and the identifiers the claimant cap left linking
 * nobody (raw: write them only as pseudonyms).
 */
public record BatchResult(
        SortedMap<ChannelKey, ChannelTotal> channels,
        List<Reject> rejects,
        long rows,
        long customers,
        long convertedCustomers,
        long attributionRows,
        SortedMap<String, Integer> capped,
        SortedMap<ChannelKey, Double> removalEffects,
        SortedMap<CampaignKey, ChannelTotal> campaigns,
        SortedMap<MonthKey, ChannelTotal> months,
        SpendTotals spend,
        SortedMap<PathKey, ChannelTotal> paths) {

    public BatchResult(SortedMap<ChannelKey, ChannelTotal> channels, List<Reject> rejects, long rows, long customers,
            long convertedCustomers, long attributionRows) {
        this(channels, rejects, rows, customers, convertedCustomers, attributionRows, Collections.emptySortedMap(),
                Collections.emptySortedMap(), Collections.emptySortedMap(), Collections.emptySortedMap(), null, Collections.emptySortedMap());
    }
}

package io.attributionstreams.batch;

import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import java.util.List;
import java.util.SortedMap;

/**
 * The batch answer: the attributed outcomes sorted as {@code attribution.csv} lists them, the
 * channel totals, the rejects, and counts for the summary.
 */
public record BatchResult(
        List<Outcome> outcomes,
        SortedMap<ChannelKey, ChannelTotal> channels,
        List<Reject> rejects,
        long rows,
        long customers,
        long convertedCustomers) {
}

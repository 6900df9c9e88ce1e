package io.attributionstreams.query;

import io.attributionstreams.contract.ChannelTotalRecord;
import java.util.List;

/**
 * The body of {@code GET /channels}: the channel totals, each exactly as on
 * {@code attribution-channel-totals}, with the instances that answered and the partitions they
 * covered (every partition of the store, or the answer is a 503); when markov runs, also the partitions
 * of its rows, which are kept by conversion type in a store of their own.
 *
 * @param markovPartitions null when markov does not run
 */
public record ChannelsReply(List<String> instances, List<Integer> partitions, List<ChannelTotalRecord> channels,
        List<Integer> markovPartitions) {

    public ChannelsReply(List<String> instances, List<Integer> partitions, List<ChannelTotalRecord> channels) {
        this(instances, partitions, channels, null);
    }
}

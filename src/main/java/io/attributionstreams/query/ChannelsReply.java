package io.attributionstreams.query;

import io.attributionstreams.contract.ChannelTotalRecord;
import java.util.List;

/**
 * The body of {@code GET /channels}: the channel totals, each exactly as on
 * {@code attribution-channel-totals}, with the instances that answered and the partitions they
 * covered (every partition of the store, or the answer is a 503).
 */
public record ChannelsReply(List<String> instances, List<Integer> partitions, List<ChannelTotalRecord> channels) {
}

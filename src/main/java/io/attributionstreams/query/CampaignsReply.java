package io.attributionstreams.query;

import io.attributionstreams.contract.CampaignTotalRecord;
import java.util.List;

/**
 * The body of {@code GET /campaigns}: the campaign totals, each exactly as on
 * {@code attribution-campaign-totals}, with the instances that answered and the partitions they covered
 * (every partition of the store, or the answer is a 503).
 */
public record CampaignsReply(List<String> instances, List<Integer> partitions, List<CampaignTotalRecord> campaigns) {
}

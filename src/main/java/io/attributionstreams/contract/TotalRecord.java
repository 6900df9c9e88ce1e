package io.attributionstreams.contract;

import io.attributionstreams.channels.ChannelTotal;

/**
 * A record on one of the totals topics: the closed set of what step 4 writes, one record type per topic.
 * The records stay flat, each with its own fields, because that is what their schemas show other teams'
 * clients.
 */
public sealed interface TotalRecord permits ChannelTotalRecord, CampaignTotalRecord, MonthTotalRecord,
        PathTotalRecord {

    /** The conversion type the row is for. */
    String conversionType();

    /** The sums again, as the totals keep them. */
    ChannelTotal total();
}

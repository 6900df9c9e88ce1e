package io.attributionstreams.contract;

/**
 * The names of the topics the engine writes for other teams' clients (schemas under {@code schemas/}):
 * part of the output contract, so that export, the demo and the query side need not reach into the
 * topology for them. The topology's {@code Names} refers to these.
 */
public final class OutputTopics {
    /** Each customer's answers, a record per (conversion type, model): {@link AttributionUpdate}. */
    public static final String ATTRIBUTION_UPDATES = "attribution-updates";
    /** Each channel's totals per (conversion type, model): {@link ChannelTotalRecord}. */
    public static final String CHANNEL_TOTALS = "attribution-channel-totals";
    /** Each (channel, campaign)'s totals per (conversion type, model): {@link CampaignTotalRecord}. */
    public static final String CAMPAIGN_TOTALS = "attribution-campaign-totals";
    /** Each channel's totals per month and (conversion type, model): {@link MonthTotalRecord}. */
    public static final String MONTH_TOTALS = "attribution-month-totals";
    /** Each path to conversion's conversions and revenue per conversion type: {@link PathTotalRecord}. */
    public static final String PATH_TOTALS = "attribution-path-totals";
    /**
     * Compacted, written only when {@code attribution.output.credits} is on: each touchpoint's credit in
     * each current answer, a flat record per row for table sinks: {@link CreditRecord}.
     */
    public static final String ATTRIBUTION_CREDITS = "attribution-credits";
    /** Input records the engine could not read, with the reason in their headers. */
    public static final String DLQ = "attribution-dlq";
    /**
     * Compacted: each identifier the claimant cap holds back, keyed by its pseudonym; a tombstone when it
     * links again.
     */
    public static final String IDENTITY_CAPPED = "attribution-identity-capped";

    private OutputTopics() {
    }
}

package io.attributionstreams.channels;

import io.attributionstreams.conversion.ConversionType;
import java.util.Comparator;

/** A row of the campaign totals (docs/contract.md §12): (conversion type, model, channel, campaign). */
public record CampaignKey(ConversionType type, String model, String channel, String campaign)
        implements Comparable<CampaignKey> {
    /** The campaign of touchpoints, spend and revenue that name none. */
    public static final String NONE = "(none)";

    private static final Comparator<CampaignKey> ORDER = Comparator
            .comparing((CampaignKey k) -> k.type().name())
            .thenComparing(CampaignKey::model)
            .thenComparing(CampaignKey::channel)
            .thenComparing(CampaignKey::campaign);

    public static String campaignOrNone(String campaign) {
        return campaign == null ? NONE : campaign;
    }

    @Override
    public int compareTo(CampaignKey other) {
        return ORDER.compare(this, other);
    }
}

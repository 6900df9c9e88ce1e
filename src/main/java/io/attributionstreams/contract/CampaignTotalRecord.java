package io.attributionstreams.contract;

import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelTotal;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A record on {@code attribution-campaign-totals} (schema {@code schemas/attribution-campaign-totals.schema.json}):
 * what one (channel, campaign) earned for one (conversion type, model), and what was spent on it
 * (docs/contract.md §12); {@code (none)} is the campaign of touchpoints and spend that name none. The
 * fields are those of {@link ChannelTotalRecord}, with the campaign and without a removal effect.
 */
public record CampaignTotalRecord(
        String conversionType,
        String model,
        String channel,
        String campaign,
        BigDecimal credit,
        String revenue,
        BigInteger revenueCents,
        long touchpoints,
        long customers,
        String spend,
        BigInteger spendCents,
        long spendFacts,
        String roas,
        String costPerConversion) implements TotalRecord {

    public static CampaignTotalRecord of(CampaignKey key, ChannelTotal total) {
        TotalFields f = TotalFields.of(total);
        return new CampaignTotalRecord(key.type().name(), key.model(), key.channel(), key.campaign(), f.credit(),
                f.revenue(), f.revenueCents(), f.touchpoints(), f.customers(), f.spend(), f.spendCents(),
                f.spendFacts(), f.roas(), f.costPerConversion());
    }

    public CampaignKey key() {
        return new CampaignKey(io.attributionstreams.conversion.ConversionType.valueOf(conversionType), model, channel,
                campaign);
    }

    @Override
    public ChannelTotal total() {
        return new ChannelTotal(credit, revenueCents, touchpoints, customers, spendCents, spendFacts);
    }
}

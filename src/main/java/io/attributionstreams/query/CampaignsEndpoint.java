package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.contract.CampaignTotalRecord;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /campaigns?type=&model=}: the campaign totals of every partition, whichever instance holds it,
 * gathered as {@link GatheringEndpoint} says. Step 4 keeps them beside the channel totals, in the same
 * tasks, so the channel totals' partitions are theirs. In the order of {@code campaigns.csv}.
 */
final class CampaignsEndpoint extends GatheringEndpoint<CampaignTotalRecord, CampaignsReply> {
    static final String PATH = "/campaigns";
    private static final Comparator<CampaignTotalRecord> ORDER = Comparator
            .comparing(CampaignTotalRecord::conversionType)
            .thenComparing(CampaignTotalRecord::model)
            .thenComparing(CampaignTotalRecord::channel)
            .thenComparing(CampaignTotalRecord::campaign);

    CampaignsEndpoint(StoreView stores, Forwarding forwarding, AttributionSettings settings) {
        super(PATH, "campaign totals", CampaignsReply.class,
                List.of(new Source<>(stores::channelPartitions, stores::localCampaigns)), ORDER,
                (filter, c) -> filter.matches(c.conversionType(), c.model()), stores, forwarding, settings);
    }

    @Override
    CampaignsReply body(Gathered<CampaignTotalRecord> gathered) {
        return new CampaignsReply(gathered.instances(), gathered.partitions().get(0), gathered.rows());
    }

    @Override
    Gathered<CampaignTotalRecord> gathered(CampaignsReply body) {
        return new Gathered<>(orEmpty(body.instances()), List.of(orEmpty(body.partitions())),
                orEmpty(body.campaigns()));
    }
}

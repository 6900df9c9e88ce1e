package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.contract.MonthTotalRecord;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /months?type=&model=}: the monthly totals of every partition, whichever instance holds it,
 * gathered as {@link GatheringEndpoint} says. Step 4 keeps them beside the channel totals, in the same
 * tasks, so the channel totals' partitions are theirs. In the order of {@code months.csv} ({@code YYYY-MM}
 * sorts as the months do).
 */
final class MonthsEndpoint extends GatheringEndpoint<MonthTotalRecord, MonthsReply> {
    static final String PATH = "/months";
    private static final Comparator<MonthTotalRecord> ORDER = Comparator
            .comparing(MonthTotalRecord::conversionType)
            .thenComparing(MonthTotalRecord::model)
            .thenComparing(MonthTotalRecord::month)
            .thenComparing(MonthTotalRecord::channel);

    MonthsEndpoint(StoreView stores, Forwarding forwarding, AttributionSettings settings) {
        super(PATH, "monthly totals", MonthsReply.class,
                List.of(new Source<>(stores::channelPartitions, stores::localMonths)), ORDER,
                (filter, m) -> filter.matches(m.conversionType(), m.model()), stores, forwarding, settings);
    }

    @Override
    MonthsReply body(Gathered<MonthTotalRecord> gathered) {
        return new MonthsReply(gathered.instances(), gathered.partitions().get(0), gathered.rows());
    }

    @Override
    Gathered<MonthTotalRecord> gathered(MonthsReply body) {
        return new Gathered<>(orEmpty(body.instances()), List.of(orEmpty(body.partitions())), orEmpty(body.months()));
    }
}

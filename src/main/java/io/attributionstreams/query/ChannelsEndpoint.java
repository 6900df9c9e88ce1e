package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.contract.ChannelTotalRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /channels?type=&model=}: the channel totals of every partition, whichever instance holds
 * it, gathered as {@link GatheringEndpoint} says. When markov runs, its rows are gathered too: they are
 * kept by conversion type, in a store and partitions of their own, so that store is a second source.
 */
final class ChannelsEndpoint extends GatheringEndpoint<ChannelTotalRecord, ChannelsReply> {
    static final String PATH = "/channels";
    private static final Comparator<ChannelTotalRecord> ORDER = Comparator
            .comparing(ChannelTotalRecord::conversionType)
            .thenComparing(ChannelTotalRecord::model)
            .thenComparing(ChannelTotalRecord::channel);

    private final boolean markov;

    ChannelsEndpoint(StoreView stores, Forwarding forwarding, AttributionSettings settings) {
        super(PATH, "channel totals", ChannelsReply.class, sources(stores, settings), ORDER,
                (filter, c) -> filter.matches(c.conversionType(), c.model()), stores, forwarding, settings);
        this.markov = settings.markov();
    }

    private static List<Source<ChannelTotalRecord>> sources(StoreView stores, AttributionSettings settings) {
        List<Source<ChannelTotalRecord>> sources = new ArrayList<>();
        sources.add(new Source<>(stores::channelPartitions, stores::localChannels));
        if (settings.markov()) {
            sources.add(new Source<>(stores::markovPartitions, stores::localMarkov));
        }
        return sources;
    }

    @Override
    ChannelsReply body(Gathered<ChannelTotalRecord> gathered) {
        return new ChannelsReply(gathered.instances(), gathered.partitions().get(0), gathered.rows(),
                markov ? gathered.partitions().get(1) : null);
    }

    @Override
    Gathered<ChannelTotalRecord> gathered(ChannelsReply body) {
        List<List<Integer>> partitions = markov
                ? List.of(orEmpty(body.partitions()), orEmpty(body.markovPartitions()))
                : List.of(orEmpty(body.partitions()));
        return new Gathered<>(orEmpty(body.instances()), partitions, orEmpty(body.channels()));
    }
}

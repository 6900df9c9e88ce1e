package io.attributionstreams.topology.attribution;

import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.topology.Names;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What each emitted answer added to the channel, campaign and monthly totals, kept so that the next change
 * sends the right deltas. Only the (channel, campaign) parts and the month are kept: the channel parts are
 * their sums ({@link ChannelTotals#byChannel}), the month's are the channel parts in that month.
 *
 * <p>Inline in the answer's {@code customer-answers} entry while small, which is every answer a business
 * sees; an answer whose touchpoints spread over so many channels and campaigns that the entry would grow
 * past {@link #MAX_INLINE_BYTES} (names run to 256 characters each) keeps one {@code answer-channels} entry
 * per (channel, campaign) instead, so that no store record can outgrow its changelog topic's record limit.
 * Entries written before the campaign totals existed kept channels alone (inline, or one spilled entry
 * per channel); they are read as such, and their answer had added nothing to the campaign or monthly totals.
 */
final class Contributions {
    /** Far below the 1 MiB a changelog topic takes by default, with the rest of the entry. */
    static final int MAX_INLINE_BYTES = 64 * 1024;
    /** An entry's share of the record besides its names: credit, cents, counts and JSON punctuation. */
    private static final int PER_ENTRY_BYTES = 160;

    /** What an answer added, as the deltas need it. */
    record Added(Map<ChannelKey, ChannelTotal> channels, Map<CampaignKey, ChannelTotal> campaigns,
            Map<MonthKey, ChannelTotal> months) {
        static final Added NOTHING = new Added(Map.of(), Map.of(), Map.of());

        /** From an answer's (channel, campaign) parts and the month its conversion counts in. */
        static Added of(Map<CampaignKey, ChannelTotal> campaigns, YearMonth month) {
            Map<ChannelKey, ChannelTotal> channels = ChannelTotals.byChannel(campaigns);
            return new Added(channels, campaigns, ChannelTotals.byMonth(channels, month));
        }
    }

    private final KeyValueStore<String, ChannelTotal> spilled;

    Contributions(KeyValueStore<String, ChannelTotal> spilled) {
        this.spilled = spilled;
    }

    /** What the answer stored under {@code answerKey} added; nothing when there was none. */
    Added of(String answerKey, EmittedAnswer last) {
        if (last == null) {
            return Added.NOTHING;
        }
        Map<String, ChannelTotal> campaigns = new HashMap<>();
        Map<String, ChannelTotal> channelsAlone = new HashMap<>(last.channels());
        if (last.spilled()) {
            try (KeyValueIterator<String, ChannelTotal> it = spilled.prefixScan(prefix(answerKey),
                    Serdes.String().serializer())) {
                while (it.hasNext()) {
                    KeyValue<String, ChannelTotal> kv = it.next();
                    String entry = kv.key.substring(prefix(answerKey).length());
                    (entry.indexOf(Names.KEY_SEPARATOR) >= 0 ? campaigns : channelsAlone).put(entry, kv.value);
                }
            }
        } else if (!last.keptChannelsAlone()) {
            campaigns.putAll(last.campaigns());
        }
        if (!channelsAlone.isEmpty()) {
            return new Added(EmittedAnswer.contribution(last.type(), last.model(), channelsAlone), Map.of(), Map.of());
        }
        return Added.of(campaignKeys(last.type(), last.model(), campaigns), last.countedIn());
    }

    /**
     * Keeps what the new answer adds, in place of what the last one added, and says where.
     *
     * @return the (channel, campaign) parts to keep inline in the answer's entry, or null when they were spilled
     */
    Map<String, ChannelTotal> keep(String answerKey, EmittedAnswer last, Map<CampaignKey, ChannelTotal> now) {
        Map<String, ChannelTotal> entries = new HashMap<>();
        long bytes = 0;
        for (Map.Entry<CampaignKey, ChannelTotal> e : now.entrySet()) {
            entries.put(Names.compositeKey(e.getKey().channel(), e.getKey().campaign()), e.getValue());
            bytes += PER_ENTRY_BYTES + 6L * (e.getKey().channel().length() + e.getKey().campaign().length());
        }
        boolean wasSpilled = last != null && last.spilled();
        if (bytes <= MAX_INLINE_BYTES) {
            if (wasSpilled) {
                deleteSpilled(answerKey);
            }
            return entries;
        }
        if (wasSpilled) {
            for (String key : spilledKeys(answerKey)) {
                if (!entries.containsKey(key.substring(prefix(answerKey).length()))) {
                    spilled.delete(key);
                }
            }
        }
        entries.forEach((entry, part) -> spilled.put(prefix(answerKey) + entry, part));
        return null;
    }

    /** An answer that disappears takes what it added with it. */
    void forget(String answerKey, EmittedAnswer last) {
        if (last != null && last.spilled()) {
            deleteSpilled(answerKey);
        }
    }

    private static Map<CampaignKey, ChannelTotal> campaignKeys(ConversionType type, String model,
            Map<String, ChannelTotal> entries) {
        Map<CampaignKey, ChannelTotal> parts = new HashMap<>();
        entries.forEach((entry, part) -> {
            int separator = entry.indexOf(Names.KEY_SEPARATOR);
            parts.put(new CampaignKey(type, model, entry.substring(0, separator), entry.substring(separator + 1)),
                    part);
        });
        return parts;
    }

    private void deleteSpilled(String answerKey) {
        spilledKeys(answerKey).forEach(spilled::delete);
    }

    /** Read first, deleted after: a store is not changed under an open iterator. */
    private List<String> spilledKeys(String answerKey) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ChannelTotal> it = spilled.prefixScan(prefix(answerKey),
                Serdes.String().serializer())) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    private static String prefix(String answerKey) {
        return answerKey + Names.KEY_SEPARATOR;
    }
}

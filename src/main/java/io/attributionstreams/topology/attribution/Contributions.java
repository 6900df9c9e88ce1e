package io.attributionstreams.topology.attribution;

import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.topology.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What each emitted answer added to the channel totals, kept so that the next change sends the right
 * deltas. Inline in the answer's {@code customer-answers} entry while small, which is every answer a
 * business sees; an answer whose touchpoints spread over so many channels that the entry would grow past
 * {@link #MAX_INLINE_BYTES} (channel names run to 256 characters each) keeps one {@code answer-channels}
 * entry per channel instead, so that no store record can outgrow its changelog topic's record limit.
 */
final class Contributions {
    /** Far below the 1 MiB a changelog topic takes by default, with the rest of the entry. */
    static final int MAX_INLINE_BYTES = 64 * 1024;
    /** A channel's share of the entry besides its name: credit, cents, counts and JSON punctuation. */
    private static final int PER_CHANNEL_BYTES = 160;

    private final KeyValueStore<String, ChannelTotal> spilled;

    Contributions(KeyValueStore<String, ChannelTotal> spilled) {
        this.spilled = spilled;
    }

    /** What the answer stored under {@code answerKey} added, by channel key; empty when there was none. */
    Map<ChannelKey, ChannelTotal> of(String answerKey, EmittedAnswer last) {
        if (last == null) {
            return Map.of();
        }
        if (!last.spilled()) {
            return last.contribution();
        }
        Map<String, ChannelTotal> channels = new TreeMap<>();
        try (KeyValueIterator<String, ChannelTotal> it = spilled.prefixScan(prefix(answerKey),
                Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, ChannelTotal> kv = it.next();
                channels.put(kv.key.substring(kv.key.lastIndexOf(Names.KEY_SEPARATOR) + 1), kv.value);
            }
        }
        return EmittedAnswer.contribution(last.type(), last.model(), channels);
    }

    /**
     * Keeps what the new answer adds, in place of what the last one added, and says where.
     *
     * @return the channels to keep inline in the answer's entry, or null when they were spilled
     */
    Map<String, ChannelTotal> keep(String answerKey, EmittedAnswer last, Map<ChannelKey, ChannelTotal> now) {
        Map<String, ChannelTotal> channels = new HashMap<>();
        long bytes = 0;
        for (Map.Entry<ChannelKey, ChannelTotal> e : now.entrySet()) {
            channels.put(e.getKey().channel(), e.getValue());
            bytes += PER_CHANNEL_BYTES + 6L * e.getKey().channel().length();
        }
        boolean wasSpilled = last != null && last.spilled();
        if (bytes <= MAX_INLINE_BYTES) {
            if (wasSpilled) {
                deleteSpilled(answerKey);
            }
            return channels;
        }
        if (wasSpilled) {
            for (String key : spilledKeys(answerKey)) {
                if (!channels.containsKey(key.substring(key.lastIndexOf(Names.KEY_SEPARATOR) + 1))) {
                    spilled.delete(key);
                }
            }
        }
        channels.forEach((channel, part) -> spilled.put(prefix(answerKey) + channel, part));
        return null;
    }

    /** An answer that disappears takes what it added with it. */
    void forget(String answerKey, EmittedAnswer last) {
        if (last != null && last.spilled()) {
            deleteSpilled(answerKey);
        }
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

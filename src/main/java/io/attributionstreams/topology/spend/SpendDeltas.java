package io.attributionstreams.topology.spend;

import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.facts.Spend;
import io.attributionstreams.topology.markov.MarkovInput;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;

/**
 * What a spend change adds to each channel (docs/contract.md §12): the new amount in, the old one out, a
 * fact counted once. Spend is the same for every (type, model) row of a channel, so one change becomes a
 * delta for each: keyed by channel key for the per-touchpoint models, by conversion type for markov.
 */
public final class SpendDeltas {
    private SpendDeltas() {
    }

    /** Per channel: the change's net amount and fact count; a channel whose part nets out is left out. */
    static Map<String, ChannelTotal> byChannel(SpendChange change) {
        Map<String, ChannelTotal> parts = new LinkedHashMap<>();
        if (change.before() != null) {
            parts.merge(change.before().channel(), part(change.before(), -1), ChannelTotal::plus);
        }
        if (change.after() != null) {
            parts.merge(change.after().channel(), part(change.after(), 1), ChannelTotal::plus);
        }
        parts.values().removeIf(ChannelTotal::isEmpty);
        return parts;
    }

    private static ChannelTotal part(Spend spend, int sign) {
        BigInteger cents = BigInteger.valueOf(spend.amountCents());
        return ChannelTotal.spend(sign > 0 ? cents : cents.negate(), sign);
    }

    /** The deltas for the channel totals of every (type, per-touchpoint model). */
    public static List<KeyValue<String, ChannelTotal>> channelDeltas(SpendChange change, List<ConversionType> types,
            List<String> models) {
        List<KeyValue<String, ChannelTotal>> deltas = new ArrayList<>();
        byChannel(change).forEach((channel, part) -> {
            for (ConversionType type : types) {
                for (String model : models) {
                    deltas.add(KeyValue.pair(new ChannelKey(type, model, channel).topicKey(), part));
                }
            }
        });
        return deltas;
    }

    /** The deltas for the markov rows, keyed by conversion type, where the chain is kept. */
    public static List<KeyValue<String, MarkovInput>> markovDeltas(SpendChange change, List<ConversionType> types) {
        List<KeyValue<String, MarkovInput>> deltas = new ArrayList<>();
        byChannel(change).forEach((channel, part) -> {
            for (ConversionType type : types) {
                deltas.add(KeyValue.pair(type.name(), MarkovInput.spend(channel, part)));
            }
        });
        return deltas;
    }
}

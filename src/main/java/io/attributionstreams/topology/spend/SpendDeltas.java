package io.attributionstreams.topology.spend;

import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelCampaign;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.MonthChannel;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.contract.TotalKeys;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.facts.Spend;
import io.attributionstreams.topology.markov.MarkovInput;
import io.attributionstreams.topology.outputs.TotalKind;
import java.math.BigInteger;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;

/**
 * What a spend change adds to each channel (docs/contract.md §12): the new amount in, the old one out, a
 * fact counted once. Spend is the same for every (type, model) row of a channel, so one change becomes a
 * delta for each: keyed by total row for the per-touchpoint models (channel, campaign and month), by
 * conversion type for markov.
 */
public final class SpendDeltas {
    private SpendDeltas() {
    }

    /** Per channel: the change's net amount and fact count; a channel whose part nets out is left out. */
    static Map<String, ChannelTotal> byChannel(SpendChange change) {
        return netted(change, Spend::channel);
    }

    /**
     * Per row key of a kind the change's net parts: the old fact taken out, the new one put in; a row whose
     * part nets out (the same amount under the same key) is left out.
     */
    private static <K> Map<K, ChannelTotal> netted(SpendChange change, Function<Spend, K> key) {
        Map<K, ChannelTotal> parts = new LinkedHashMap<>();
        if (change.before() != null) {
            parts.merge(key.apply(change.before()), part(change.before(), -1), ChannelTotal::plus);
        }
        if (change.after() != null) {
            parts.merge(key.apply(change.after()), part(change.after(), 1), ChannelTotal::plus);
        }
        parts.values().removeIf(ChannelTotal::isEmpty);
        return parts;
    }

    private static ChannelTotal part(Spend spend, int sign) {
        BigInteger cents = BigInteger.valueOf(spend.amountCents());
        return ChannelTotal.spend(sign > 0 ? cents : cents.negate(), sign);
    }

    /**
     * The deltas for the channel, campaign and monthly totals of every (type, per-touchpoint model), keyed as
     * step 4 sums them ({@link TotalKind}): a campaign's row is {@code (none)} for spend that names none, a
     * month's is that of the spend's day.
     */
    public static List<KeyValue<String, ChannelTotal>> totalDeltas(SpendChange change, List<ConversionType> types,
            List<String> models) {
        // the parts are the same for every (type, model): netted once, keyed for each row below
        Map<String, ChannelTotal> channels = netted(change, Spend::channel);
        Map<ChannelCampaign, ChannelTotal> campaigns = netted(change,
                s -> new ChannelCampaign(s.channel(), CampaignKey.campaignOrNone(s.campaign())));
        Map<MonthChannel, ChannelTotal> months = netted(change, s -> new MonthChannel(YearMonth.from(s.spentOn()), s.channel()));
        List<KeyValue<String, ChannelTotal>> deltas = new ArrayList<>();
        for (ConversionType type : types) {
            for (String model : models) {
                channels.forEach((channel, part) -> deltas.add(KeyValue.pair(
                        TotalKind.CHANNEL.deltaKey(TotalKeys.channel(new ChannelKey(type, model, channel))), part)));
                campaigns.forEach((row, part) -> deltas.add(KeyValue.pair(TotalKind.CAMPAIGN.deltaKey(
                        TotalKeys.campaign(new CampaignKey(type, model, row.channel(), row.campaign()))), part)));
                months.forEach((row, part) -> deltas.add(KeyValue.pair(TotalKind.MONTH.deltaKey(
                        TotalKeys.month(new MonthKey(type, model, row.month(), row.channel()))), part)));
            }
        }
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

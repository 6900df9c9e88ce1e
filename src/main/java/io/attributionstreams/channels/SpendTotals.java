package io.attributionstreams.channels;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.facts.Spend;
import io.attributionstreams.normalise.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The spend facts summed as the money figures of docs/contract.md §12 need them: per channel, per
 * (channel, campaign) with {@code (none)} for no campaign, and per (month, channel), in exact cents at any
 * size. Also what a total row shows of money: spend, return on ad spend and cost per conversion.
 */
public final class SpendTotals {
    private final Map<String, BigInteger> byChannel = new TreeMap<>();
    private final Map<ChannelCampaign, BigInteger> byCampaign = new java.util.HashMap<>();
    private final Map<MonthChannel, BigInteger> byMonth = new java.util.HashMap<>();

    public SpendTotals(Collection<Spend> spend) {
        for (Spend s : spend) {
            BigInteger cents = BigInteger.valueOf(s.amountCents());
            byChannel.merge(s.channel(), cents, BigInteger::add);
            byCampaign.merge(new ChannelCampaign(s.channel(), CampaignKey.campaignOrNone(s.campaign())), cents,
                    BigInteger::add);
            byMonth.merge(new MonthChannel(YearMonth.from(s.spentOn()), s.channel()), cents, BigInteger::add);
        }
    }

    public BigInteger channel(String channel) {
        return byChannel.getOrDefault(channel, BigInteger.ZERO);
    }

    public BigInteger campaign(String channel, String campaign) {
        return byCampaign.getOrDefault(new ChannelCampaign(channel, campaign), BigInteger.ZERO);
    }

    public BigInteger month(YearMonth month, String channel) {
        return byMonth.getOrDefault(new MonthChannel(month, channel), BigInteger.ZERO);
    }

    /**
     * The channel rows with a row added for every channel with spend and no credit, for each (type, model):
     * credit 0, revenue 0.00, no touchpoints. Money spent for nothing is shown, not dropped.
     */
    public SortedMap<ChannelKey, ChannelTotal> withSpendOnlyChannels(SortedMap<ChannelKey, ChannelTotal> rows,
            List<ConversionType> types, List<String> models) {
        return withSpendOnly(rows, types, models, byChannel.keySet(), ChannelKey::new);
    }

    /** {@link #withSpendOnlyChannels} for the campaign rows. */
    public SortedMap<CampaignKey, ChannelTotal> withSpendOnlyCampaigns(SortedMap<CampaignKey, ChannelTotal> rows,
            List<ConversionType> types, List<String> models) {
        return withSpendOnly(rows, types, models, byCampaign.keySet(),
                (type, model, k) -> new CampaignKey(type, model, k.channel(), k.campaign()));
    }

    /** {@link #withSpendOnlyChannels} for the monthly rows. */
    public SortedMap<MonthKey, ChannelTotal> withSpendOnlyMonths(SortedMap<MonthKey, ChannelTotal> rows,
            List<ConversionType> types, List<String> models) {
        return withSpendOnly(rows, types, models, byMonth.keySet(),
                (type, model, k) -> new MonthKey(type, model, k.month(), k.channel()));
    }

    /** A row key for (type, model) and a key of the spend sums. */
    private interface RowKey<S, K> {
        K of(ConversionType type, String model, S spendKey);
    }

    private static <S, K extends Comparable<K>> SortedMap<K, ChannelTotal> withSpendOnly(SortedMap<K, ChannelTotal> rows,
            List<ConversionType> types, List<String> models, java.util.Set<S> spent, RowKey<S, K> key) {
        SortedMap<K, ChannelTotal> all = new TreeMap<>(rows);
        for (ConversionType type : types) {
            for (String model : models) {
                spent.forEach(s -> all.putIfAbsent(key.of(type, model, s), ChannelTotal.ZERO));
            }
        }
        return all;
    }

    /** The money cells of a row: spend, roas and cost per conversion, as the outputs write them. */
    public static List<String> moneyCells(ChannelTotal total, BigInteger spendCents) {
        return List.of(Money.format(spendCents), roas(total.revenueCents(), spendCents),
                costPerConversion(spendCents, total.credit()));
    }

    /** Revenue / spend with 4 decimals, half up; empty when the spend is 0 or less. */
    public static String roas(BigInteger revenueCents, BigInteger spendCents) {
        if (spendCents.signum() <= 0) {
            return "";
        }
        return new BigDecimal(revenueCents).divide(new BigDecimal(spendCents), 4, RoundingMode.HALF_UP)
                .toPlainString();
    }

    /** Spend / credit in cents, half up; empty when the credit is 0. */
    public static String costPerConversion(BigInteger spendCents, BigDecimal credit) {
        if (credit.signum() == 0) {
            return "";
        }
        return Money.format(new BigDecimal(spendCents).divide(credit, 0, RoundingMode.HALF_UP).toBigIntegerExact());
    }
}

package io.attributionstreams.demo;

import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.normalise.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The channel totals of one model as one table a person can read: a row per channel, its share of each
 * conversion's credit, and the revenue it earned. A share is the channel's credit over the credit of all
 * channels for that conversion: each converted customer gives out 1.0, so it is the part of those
 * customers the channel earned.
 */
public final class ChannelTable {
    private ChannelTable() {
    }

    /** The model the table shows: the first of the totals' models, in name order. */
    public static Optional<String> model(Collection<ChannelTotalRecord> totals) {
        return totals.stream().map(ChannelTotalRecord::model).min(Comparator.naturalOrder());
    }

    public static List<String> lines(Collection<ChannelTotalRecord> totals, String model) {
        List<ConversionType> types = totals.stream().filter(t -> t.model().equals(model))
                .map(t -> ConversionType.valueOf(t.conversionType())).distinct().sorted().toList();
        Map<String, Map<ConversionType, ChannelTotalRecord>> byChannel = new TreeMap<>();
        Map<ConversionType, BigDecimal> credit = new TreeMap<>();
        for (ChannelTotalRecord t : totals) {
            if (!t.model().equals(model)) {
                continue;
            }
            ConversionType type = ConversionType.valueOf(t.conversionType());
            byChannel.computeIfAbsent(t.channel(), c -> new TreeMap<>()).put(type, t);
            credit.merge(type, t.credit(), BigDecimal::add);
        }
        ConversionType revenueType = types.contains(ConversionType.FIRST_PAID) ? ConversionType.FIRST_PAID
                : types.isEmpty() ? ConversionType.FIRST_PAID : types.get(types.size() - 1);
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-16s", "channel"));
        types.forEach(type -> header.append(String.format(Locale.ROOT, " %15s", type.name())));
        header.append(String.format(Locale.ROOT, " %14s", "revenue"));
        lines.add(header.toString());
        TreeSet<String> channels = new TreeSet<>(Comparator.comparing((String c) -> revenue(byChannel.get(c), revenueType))
                .reversed().thenComparing(Comparator.naturalOrder()));
        channels.addAll(byChannel.keySet());
        for (String channel : channels) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-16s", channel));
            for (ConversionType type : types) {
                ChannelTotalRecord t = byChannel.get(channel).get(type);
                row.append(String.format(Locale.ROOT, " %15s",
                        t == null || t.touchpoints() == 0 ? "-" : Shares.percent(t.credit(), credit.get(type))));
            }
            row.append(String.format(Locale.ROOT, " %14s", Shares.money(Money.format(
                    revenue(byChannel.get(channel), revenueType)))));
            lines.add(row.toString());
        }
        lines.add("  (each conversion's credit in shares of 100%; revenue: the payments credited to the channel at "
                + revenueType.name() + ")");
        return lines;
    }

    private static BigInteger revenue(Map<ConversionType, ChannelTotalRecord> row, ConversionType type) {
        ChannelTotalRecord paid = row.get(type);
        return paid == null ? BigInteger.ZERO : paid.revenueCents();
    }
}

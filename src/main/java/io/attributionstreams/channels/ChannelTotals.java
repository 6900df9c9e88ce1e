package io.attributionstreams.channels;

import io.attributionstreams.attribution.CreditedTouchpoint;
import io.attributionstreams.attribution.Outcome;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Channel totals (docs/contract.md §7), built from customers' outcomes. The streaming topology
 * uses {@link #contribution} to turn a changed answer into per-channel deltas; the batch engine
 * adds every outcome once.
 */
public final class ChannelTotals {
    private final Map<ChannelKey, ChannelTotal> totals = new HashMap<>();

    /** What one outcome adds to each channel. */
    public static Map<ChannelKey, ChannelTotal> contribution(Outcome outcome) {
        if (!outcome.attributed()) {
            return Map.of(new ChannelKey(outcome.type(), outcome.model(), ChannelKey.UNATTRIBUTED),
                    new ChannelTotal(java.math.BigDecimal.ZERO, outcome.revenueCents(), 0, 1));
        }
        Map<ChannelKey, ChannelTotal> parts = new HashMap<>();
        for (CreditedTouchpoint t : outcome.touchpoints()) {
            ChannelKey key = new ChannelKey(outcome.type(), outcome.model(), t.channel());
            ChannelTotal part = new ChannelTotal(t.credit(), t.revenueCents(), 1, parts.containsKey(key) ? 0 : 1);
            parts.merge(key, part, ChannelTotal::plus);
        }
        return parts;
    }

    /** What one outcome adds to each (channel, campaign): touchpoints with no campaign in {@code (none)}. */
    public static Map<CampaignKey, ChannelTotal> campaignContribution(Outcome outcome) {
        if (!outcome.attributed()) {
            return Map.of(new CampaignKey(outcome.type(), outcome.model(), ChannelKey.UNATTRIBUTED, CampaignKey.NONE),
                    new ChannelTotal(java.math.BigDecimal.ZERO, outcome.revenueCents(), 0, 1));
        }
        Map<CampaignKey, ChannelTotal> parts = new HashMap<>();
        for (CreditedTouchpoint t : outcome.touchpoints()) {
            CampaignKey key = new CampaignKey(outcome.type(), outcome.model(), t.channel(),
                    CampaignKey.campaignOrNone(t.campaign()));
            ChannelTotal part = new ChannelTotal(t.credit(), t.revenueCents(), 1, parts.containsKey(key) ? 0 : 1);
            parts.merge(key, part, ChannelTotal::plus);
        }
        return parts;
    }

    /** The month an outcome's conversion counts in (§12), in {@code zone}; null when it has no such time. */
    public static java.time.YearMonth monthOf(Outcome outcome, java.time.ZoneId zone) {
        java.time.Instant at = outcome.countedAt();
        return at == null ? null : MonthKey.monthOf(at, zone);
    }

    /** A channel contribution put in {@code month}; nothing when there is no month. */
    public static Map<MonthKey, ChannelTotal> byMonth(Map<ChannelKey, ChannelTotal> channels,
            java.time.YearMonth month) {
        if (month == null) {
            return Map.of();
        }
        Map<MonthKey, ChannelTotal> parts = new HashMap<>();
        channels.forEach((key, part) ->
                parts.put(new MonthKey(key.type(), key.model(), month, key.channel()), part));
        return parts;
    }

    /**
     * The channel contribution a {@link #campaignContribution} adds up to: the same sums, and one customer per
     * channel however many of its campaigns the customer touched. Equal to {@link #contribution} of the same
     * outcome, so that an engine may keep the campaigns alone.
     */
    public static Map<ChannelKey, ChannelTotal> byChannel(Map<CampaignKey, ChannelTotal> campaigns) {
        Map<ChannelKey, ChannelTotal> parts = new HashMap<>();
        campaigns.forEach((key, part) -> parts.merge(new ChannelKey(key.type(), key.model(), key.channel()),
                new ChannelTotal(part.credit(), part.revenueCents(), part.touchpoints(), 0), ChannelTotal::plus));
        parts.replaceAll((key, sum) -> new ChannelTotal(sum.credit(), sum.revenueCents(), sum.touchpoints(), 1));
        return parts;
    }

    public void add(Outcome outcome) {
        add(contribution(outcome));
    }

    /** Adds a {@link #contribution}, computed elsewhere (by the batch engine's workers, in parallel). */
    public void add(Map<ChannelKey, ChannelTotal> contribution) {
        contribution.forEach((key, part) -> totals.merge(key, part, ChannelTotal::plus));
    }

    /** Adds totals summed elsewhere (a chunk of customers, by one of the batch engine's workers). */
    public void add(ChannelTotals other) {
        add(other.totals);
    }

    /** The rows that exist (at least one customer), sorted by type, model, channel. */
    public SortedMap<ChannelKey, ChannelTotal> rows() {
        SortedMap<ChannelKey, ChannelTotal> rows = new TreeMap<>();
        totals.forEach((key, total) -> {
            if (total.customers() > 0) {
                rows.put(key, total);
            }
        });
        return Collections.unmodifiableSortedMap(rows);
    }
}

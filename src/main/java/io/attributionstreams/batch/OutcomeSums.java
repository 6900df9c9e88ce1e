package io.attributionstreams.batch;

import io.attributionstreams.attribution.CreditedTouchpoint;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.channels.KeyedTotals;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.conversion.ConversionType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run of outcomes adds to the channel, campaign and month totals: the same sums as adding each outcome's
 * {@link ChannelTotals#campaignContribution}, its {@link ChannelTotals#byChannel} and {@link ChannelTotals#byMonth}
 * (exact sums, in any order: a decimal sum's scale is its terms' largest, however they are grouped), without three
 * maps per outcome and three additions of every credit to large running sums. Each outcome's touchpoints are
 * grouped by channel and campaign, each group is added once to the running sum of its (channel, campaign,
 * month), and each channel the outcome touched counts the customer once in its (channel, month); the totals are
 * those sums added up. A row counts a customer once per outcome that touches it, as the contributions do. Not
 * thread-safe: each of the batch engine's chunks has its own.
 */
final class OutcomeSums {
    private static final int SCANNED_GROUPS = 8;
    /** Credit, revenue, touchpoints and customers by (type, model, channel, campaign, month). */
    private final Map<Cell, Sum> cells = new HashMap<>();
    /** Customers by (type, model, channel, month): an outcome touching two campaigns of a channel counts once. */
    private final Map<MonthKey, long[]> channelCustomers = new HashMap<>();

    /** @param month the month its conversion counts in ({@link ChannelTotals#monthOf}), or null for none */
    void add(Outcome o, YearMonth month) {
        List<Group> groups = new ArrayList<>(4);
        if (!o.attributed()) {
            Group group = new Group(ChannelKey.UNATTRIBUTED, CampaignKey.NONE);
            group.credit = BigDecimal.ZERO;
            group.revenueCents = o.revenueCents();
            groups.add(group);
        }
        // a few groups are found by a scan; an outcome with many (one customer can have thousands of campaigns)
        // by a map, so that no input makes this quadratic
        Map<Cell, Group> index = null;
        for (CreditedTouchpoint t : o.touchpoints()) {
            String campaign = CampaignKey.campaignOrNone(t.campaign());
            Group group = null;
            if (index != null) {
                group = index.get(new Cell(null, null, t.channel(), campaign, null));
            } else {
                for (Group g : groups) {
                    if (g.channel.equals(t.channel()) && g.campaign.equals(campaign)) {
                        group = g;
                        break;
                    }
                }
            }
            if (group == null) {
                group = new Group(t.channel(), campaign);
                groups.add(group);
                if (index != null) {
                    index.put(new Cell(null, null, group.channel, group.campaign, null), group);
                } else if (groups.size() > SCANNED_GROUPS) {
                    index = new HashMap<>();
                    for (Group g : groups) {
                        index.put(new Cell(null, null, g.channel, g.campaign, null), g);
                    }
                }
            }
            group.credit = group.credit == null ? t.credit() : group.credit.add(t.credit());
            if (t.revenueCents().signum() != 0) { // most touchpoints share no revenue
                group.revenueCents = group.revenueCents.add(t.revenueCents());
            }
            group.touchpoints++;
        }
        Set<String> channelsCounted = groups.size() > SCANNED_GROUPS ? new HashSet<>() : null;
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            Sum sum = cells.computeIfAbsent(new Cell(o.type(), o.model(), g.channel, g.campaign, month), k -> new Sum());
            sum.credit = sum.credit == null ? g.credit : sum.credit.add(g.credit);
            sum.revenueCents = sum.revenueCents.add(g.revenueCents);
            sum.touchpoints += g.touchpoints;
            sum.customers++;
            if (channelsCounted != null ? channelsCounted.add(g.channel) : firstOfItsChannel(groups, i)) {
                channelCustomers.computeIfAbsent(new MonthKey(o.type(), o.model(), month, g.channel),
                        k -> new long[1])[0]++;
            }
        }
    }

    private static boolean firstOfItsChannel(List<Group> groups, int i) {
        for (int j = 0; j < i; j++) {
            if (groups.get(j).channel.equals(groups.get(i).channel)) {
                return false;
            }
        }
        return true;
    }

    ChannelTotals channels() {
        Map<ChannelKey, ChannelTotal> totals = new HashMap<>();
        cells.forEach((cell, sum) -> totals.merge(new ChannelKey(cell.type(), cell.model(), cell.channel()),
                sum.total(0), ChannelTotal::plus));
        channelCustomers.forEach((key, customers) -> totals.computeIfPresent(
                new ChannelKey(key.type(), key.model(), key.channel()), (k, sums) -> plusCustomers(sums, customers[0])));
        ChannelTotals channels = new ChannelTotals();
        channels.add(totals);
        return channels;
    }

    KeyedTotals<CampaignKey> campaigns() {
        Map<CampaignKey, ChannelTotal> totals = new HashMap<>();
        cells.forEach((cell, sum) -> totals.merge(
                new CampaignKey(cell.type(), cell.model(), cell.channel(), cell.campaign()),
                sum.total(sum.customers), ChannelTotal::plus));
        KeyedTotals<CampaignKey> campaigns = new KeyedTotals<>();
        campaigns.add(totals);
        return campaigns;
    }

    KeyedTotals<MonthKey> months() {
        Map<MonthKey, ChannelTotal> totals = new HashMap<>();
        cells.forEach((cell, sum) -> {
            if (cell.month() != null) {
                totals.merge(new MonthKey(cell.type(), cell.model(), cell.month(), cell.channel()), sum.total(0),
                        ChannelTotal::plus);
            }
        });
        channelCustomers.forEach((key, customers) -> {
            if (key.month() != null) {
                totals.computeIfPresent(key, (k, sums) -> plusCustomers(sums, customers[0]));
            }
        });
        KeyedTotals<MonthKey> months = new KeyedTotals<>();
        months.add(totals);
        return months;
    }

    /** Every (channel, month) counted has a cell, so its sums are there to count customers in. */
    private static ChannelTotal plusCustomers(ChannelTotal sums, long customers) {
        return new ChannelTotal(sums.credit(), sums.revenueCents(), sums.touchpoints(), sums.customers() + customers);
    }

    /** One (type, model, channel, campaign, month): where a group of an outcome's touchpoints is added. */
    private record Cell(ConversionType type, String model, String channel, String campaign, YearMonth month) {
    }

    /** An outcome's touchpoints of one channel and campaign. */
    private static final class Group {
        final String channel;
        final String campaign;
        BigDecimal credit;
        BigInteger revenueCents = BigInteger.ZERO;
        long touchpoints;

        Group(String channel, String campaign) {
            this.channel = channel;
            this.campaign = campaign;
        }
    }

    /** One cell's running sums. */
    private static final class Sum {
        BigDecimal credit;
        BigInteger revenueCents = BigInteger.ZERO;
        long touchpoints;
        long customers;

        ChannelTotal total(long customers) {
            return new ChannelTotal(credit, revenueCents, touchpoints, customers);
        }
    }
}

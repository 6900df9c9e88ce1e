package io.attributionstreams.batch;

import io.attributionstreams.attribution.CreditedTouchpoint;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelCampaign;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.channels.KeyedTotals;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.conversion.ConversionType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a run of outcomes adds to the channel, campaign and month totals: the same sums as adding each outcome's
 * {@link ChannelTotals#campaignContribution}, its {@link ChannelTotals#byChannel} and {@link ChannelTotals#byMonth}
 * (exact sums, in any order: a decimal sum's scale is its terms' largest, however they are grouped), with one small
 * map per outcome instead of three, and no three additions of every credit to large running sums. Each outcome's touchpoints are
 * grouped by channel and campaign, each group is added once to the running sum of its (channel, campaign,
 * month), and each channel the outcome touched counts the customer once in its (channel, month); the totals are
 * those sums added up. A row counts a customer once per outcome that touches it, as the contributions do. Not
 * thread-safe: each of the batch engine's chunks has its own.
 */
final class OutcomeSums {
    /** Credit, revenue, touchpoints and customers by (type, model, channel, campaign, month). */
    private final Map<Cell, Sum> cells = new HashMap<>();
    /** Customers by (type, model, channel, month): an outcome touching two campaigns of a channel counts once. */
    private final Map<MonthKey, long[]> channelCustomers = new HashMap<>();

    /** @param month the month its conversion counts in ({@link ChannelTotals#monthOf}), or null for none */
    void add(Outcome o, YearMonth month) {
        Map<ChannelCampaign, Sum> groups = new HashMap<>();
        if (!o.attributed()) {
            Sum unattributed = new Sum();
            unattributed.add(BigDecimal.ZERO, o.revenueCents(), 0);
            groups.put(new ChannelCampaign(ChannelKey.UNATTRIBUTED, CampaignKey.NONE), unattributed);
        }
        for (CreditedTouchpoint t : o.touchpoints()) {
            groups.computeIfAbsent(new ChannelCampaign(t.channel(), CampaignKey.campaignOrNone(t.campaign())),
                    k -> new Sum()).add(t.credit(), t.revenueCents(), 1);
        }
        Set<String> channels = new HashSet<>();
        groups.forEach((group, part) -> {
            Sum sum = cells.computeIfAbsent(new Cell(o.type(), o.model(), group.channel(), group.campaign(), month),
                    k -> new Sum());
            sum.add(part.credit, part.revenueCents, part.touchpoints);
            sum.customers++;
            if (channels.add(group.channel())) {
                channelCustomers.computeIfAbsent(new MonthKey(o.type(), o.model(), month, group.channel()),
                        k -> new long[1])[0]++;
            }
        });
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
        @Override
        public int hashCode() {
            int hash = java.util.Objects.hashCode(type);
            hash = hash * 31 + java.util.Objects.hashCode(model);
            hash = hash * 31 + java.util.Objects.hashCode(channel);
            hash = hash * 31 + java.util.Objects.hashCode(campaign);
            return hash * 31 + MonthKey.hash(month); // not YearMonth's own: see MonthKey.hash
        }
    }


    /** Running sums: an outcome's group's, or a cell's (which also counts the outcomes that reached it). */
    private static final class Sum {
        BigDecimal credit;
        BigInteger revenueCents = BigInteger.ZERO;
        long touchpoints;
        long customers;

        void add(BigDecimal credit, BigInteger revenueCents, long touchpoints) {
            this.credit = this.credit == null ? credit : this.credit.add(credit);
            if (revenueCents.signum() != 0) { // most touchpoints share no revenue
                this.revenueCents = this.revenueCents.add(revenueCents);
            }
            this.touchpoints += touchpoints;
        }

        ChannelTotal total(long customers) {
            return new ChannelTotal(credit, revenueCents, touchpoints, customers);
        }
    }
}

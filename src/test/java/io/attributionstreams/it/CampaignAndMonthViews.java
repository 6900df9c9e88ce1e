package io.attributionstreams.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.Formats;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.demo.Shares;
import io.attributionstreams.normalise.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The dashboard's campaign table and monthly chart as the page shows them (read in the page with
 * {@link #CAMPAIGN_TABLE} and {@link #MONTH_CHART}), held to the batch engine's {@code campaigns.csv} and
 * {@code months.csv}: first the store's rows (what {@code /campaigns} and {@code /months} answer, exact) against
 * batch's, then what the page shows against the store's rows.
 */
final class CampaignAndMonthViews {
    private CampaignAndMonthViews() {
    }

    static final String CAMPAIGN_TABLE = "JSON.stringify({"
            + "state: document.getElementById('campaign-table').dataset.state,"
            + "type: document.getElementById('campaign-table').dataset.type || null,"
            + "model: document.getElementById('campaign-table').dataset.model || null,"
            + "money: document.getElementById('campaign-table').dataset.money,"
            + "sort: document.getElementById('campaign-table').dataset.sort,"
            + "note: document.getElementById('campaigns-note').hidden ? null"
            + " : document.getElementById('campaigns-note').textContent,"
            + "totalRevenue: document.getElementById('campaign-total-revenue').textContent,"
            + "rows: [...document.querySelectorAll('#campaign-rows tr')].map(tr => ({channel: tr.dataset.channel,"
            + " campaign: tr.dataset.campaign, folded: tr.classList.contains('folded'),"
            + " credit: tr.querySelector('[data-field=credit]').textContent,"
            + " exact: tr.querySelector('[data-field=credit]').dataset.exact,"
            + " revenue: tr.querySelector('[data-field=revenue]').textContent,"
            + " touchpoints: tr.querySelector('[data-field=touchpoints]').textContent,"
            + " spend: tr.querySelector('[data-field=spend]').textContent,"
            + " roas: tr.querySelector('[data-field=roas]').textContent,"
            + " cpc: tr.querySelector('[data-field=cost_per_conversion]').textContent}))})";

    static final String MONTH_CHART = "JSON.stringify({"
            + "state: document.getElementById('month-chart').dataset.state,"
            + "type: document.getElementById('month-chart').dataset.type || null,"
            + "model: document.getElementById('month-chart').dataset.model || null,"
            + "measure: document.getElementById('month-chart').dataset.measure || null,"
            + "spend: document.getElementById('month-chart').dataset.spend || null,"
            + "note: document.getElementById('months-note').hidden ? null"
            + " : document.getElementById('months-note').textContent,"
            + "months: [...document.querySelectorAll('#month-chart text.month-label[data-month]')]"
            + ".map(t => t.dataset.month),"
            + "legend: [...document.querySelectorAll('#month-legend li[data-series]')].map(li => ({"
            + " series: li.dataset.series, members: JSON.parse(li.dataset.members)})),"
            + "segments: [...document.querySelectorAll('#month-chart rect.segment')].map(r => ({"
            + " series: r.dataset.series, month: r.dataset.month, credit: r.dataset.credit,"
            + " cents: r.dataset.revenueCents})),"
            + "spendPoints: [...document.querySelectorAll('#month-chart circle.spend-point')].map(c => ({"
            + " month: c.dataset.month, cents: c.dataset.spendCents}))})";

    /** Sorts the campaign table, as a user would with its selector. */
    static String sortCampaigns(String by) {
        return "document.getElementById('campaign-sort').value = '" + by + "';"
                + "document.getElementById('campaign-sort').dispatchEvent(new Event('change')); true";
    }

    /** The campaigns that were spent on come first, highest return on ad spend first; the others after them. */
    static void assertSortedByRoas(JsonNode table) {
        List<String> roas = new ArrayList<>();
        table.get("rows").forEach(row -> roas.add(row.get("roas").asText()));
        int spentOn = (int) roas.stream().filter(r -> !r.equals("-")).count();
        assertThat(spentOn).as("some campaigns were spent on").isPositive();
        assertThat(roas.subList(0, spentOn)).doesNotContain("-")
                .isSortedAccordingTo(Comparator.comparing(BigDecimal::new, Comparator.reverseOrder()));
        assertThat(roas.subList(spentOn, roas.size())).containsOnly("-");
    }

    /** Chooses the monthly chart's measure, as a user would with its selector. */
    static String showMonthly(String measure) {
        return "document.getElementById('month-measure').value = '" + measure + "';"
                + "document.getElementById('month-measure').dispatchEvent(new Event('change')); true";
    }

    /**
     * Every campaign of the type and model is a row, highest revenue first, the first {@code topRows} shown and
     * the rest behind "show all"; each with its credit as a share of all the credit (the exact credit kept), its
     * revenue, touchpoints and, as money was spent, its spend, ROAS and cost per conversion.
     */
    static void assertCampaignsShow(JsonNode table, String type, String model, int topRows,
            List<Map<String, String>> batchCampaigns, List<CampaignTotalRecord> store) {
        Map<List<String>, String> batch = new TreeMap<>(Comparator.comparing(List::toString));
        long cents = 0;
        for (Map<String, String> row : batchCampaigns) {
            if (row.get("conversion_type").equals(type) && row.get("model").equals(model)) {
                batch.put(List.of(row.get("channel"), row.get("campaign")), row.get("credit") + " " + row.get("revenue")
                        + " " + row.get("touchpoints") + " " + money(row.get("spend"), row.get("roas"),
                        row.get("cost_per_conversion")));
                cents += cents(row.get("revenue"));
            }
        }
        Map<List<String>, String> stored = new TreeMap<>(Comparator.comparing(List::toString));
        Map<List<String>, CampaignTotalRecord> byKey = new TreeMap<>(Comparator.comparing(List::toString));
        for (CampaignTotalRecord c : store) {
            stored.put(List.of(c.channel(), c.campaign()), Formats.credit(c.credit()) + " " + c.revenue() + " "
                    + c.touchpoints() + " " + money(c.spend(), c.roas(), c.costPerConversion()));
            byKey.put(List.of(c.channel(), c.campaign()), c);
        }
        assertThat(stored).as("the campaign totals of the store against batch, %s %s", type, model).isEqualTo(batch);

        BigDecimal whole = store.stream().map(CampaignTotalRecord::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<List<String>, String> shown = new TreeMap<>(Comparator.comparing(List::toString));
        Map<List<String>, String> expected = new TreeMap<>(Comparator.comparing(List::toString));
        List<Long> revenues = new ArrayList<>();
        List<Boolean> folded = new ArrayList<>();
        for (JsonNode row : table.get("rows")) {
            List<String> key = List.of(row.get("channel").asText(), row.get("campaign").asText());
            shown.put(key, row.get("credit").asText() + " " + row.get("revenue").asText() + " "
                    + row.get("touchpoints").asText() + " " + row.get("spend").asText() + " " + row.get("roas").asText()
                    + " " + row.get("cpc").asText());
            CampaignTotalRecord record = byKey.get(key);
            assertThat(record).as("a row the store has: %s", key).isNotNull();
            assertThat(row.get("exact").asText()).isEqualTo(record.credit().toPlainString());
            expected.put(key, (record.touchpoints() == 0 ? "-" : Shares.percent(record.credit(), whole)) + " "
                    + record.revenue() + " " + record.touchpoints() + " "
                    + money(record.spend(), record.roas(), record.costPerConversion()));
            revenues.add(cents(row.get("revenue").asText()));
            folded.add(row.get("folded").asBoolean());
        }
        assertThat(table.get("rows")).as("every campaign is a row, %s", type).hasSize(batch.size());
        assertThat(shown).as(type).isNotEmpty().isEqualTo(expected);
        assertThat(revenues).as("highest revenue first").isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(folded).as("the top %d rows shown, the rest behind 'show all'", topRows)
                .containsExactlyElementsOf(IntStream.range(0, folded.size()).mapToObj(i -> i >= topRows).toList());
        assertThat(table.get("totalRevenue").asText()).isEqualTo(Money.format(cents));
        assertThat(table.get("money").asText()).as("money was spent: the money columns show").isEqualTo("on");
    }

    /**
     * The chart has a column for every month from the first to the last (gaps included), a series for each of
     * the largest channels in the measure and "other" for the rest; each segment is its channels' exact credit
     * and revenue in that month, and the spend line the month's spend over every channel.
     */
    static void assertMonthsShow(JsonNode chart, String type, String model, String measure,
            List<Map<String, String>> batchMonths, List<MonthTotalRecord> store) {
        Map<List<String>, String> batch = new TreeMap<>(Comparator.comparing(List::toString));
        TreeMap<String, Long> spendByMonth = new TreeMap<>();
        for (Map<String, String> row : batchMonths) {
            if (row.get("conversion_type").equals(type) && row.get("model").equals(model)) {
                batch.put(List.of(row.get("month"), row.get("channel")), row.get("credit") + " " + row.get("revenue")
                        + " " + row.get("touchpoints") + " " + row.get("spend"));
                spendByMonth.merge(row.get("month"), cents(row.get("spend")), Long::sum);
            }
        }
        Map<List<String>, String> stored = new TreeMap<>(Comparator.comparing(List::toString));
        store.forEach(m -> stored.put(List.of(m.month(), m.channel()), Formats.credit(m.credit()) + " " + m.revenue()
                + " " + m.touchpoints() + " " + m.spend()));
        assertThat(stored).as("the monthly totals of the store against batch, %s %s", type, model).isEqualTo(batch);

        assertThat(chart.get("measure").asText()).isEqualTo(measure);
        List<String> axis = new ArrayList<>();
        YearMonth last = YearMonth.parse(spendByMonth.lastKey());
        for (YearMonth m = YearMonth.parse(spendByMonth.firstKey()); !m.isAfter(last); m = m.plusMonths(1)) {
            axis.add(m.toString());
        }
        assertThat(chart.get("months")).extracting(JsonNode::asText).as("every month, first to last")
                .containsExactlyElementsOf(axis);

        // the series: the named ones are the channels largest in the measure, largest first; "other" the rest
        Map<String, BigDecimal> size = new TreeMap<>();
        store.forEach(m -> size.merge(m.channel(), measure.equals("credit") ? m.credit().abs()
                : new BigDecimal(m.revenueCents()).abs(), BigDecimal::add));
        Map<String, String> seriesOf = new TreeMap<>();
        List<BigDecimal> namedSizes = new ArrayList<>();
        List<BigDecimal> otherSizes = new ArrayList<>();
        for (JsonNode entry : chart.get("legend")) {
            String series = entry.get("series").asText();
            List<String> members = new ArrayList<>();
            entry.get("members").forEach(member -> members.add(member.asText()));
            if (!series.equals("other")) {
                assertThat(members).containsExactly(series);
                namedSizes.add(size.get(series));
            } else {
                members.forEach(member -> otherSizes.add(size.get(member)));
            }
            members.forEach(member -> assertThat(seriesOf.put(member, series)).as("one series per channel").isNull());
        }
        assertThat(namedSizes).as("the largest channels first").isNotEmpty()
                .isSortedAccordingTo(Comparator.reverseOrder());
        otherSizes.forEach(other -> assertThat(other).isLessThanOrEqualTo(namedSizes.get(namedSizes.size() - 1)));
        size.forEach((channel, total) -> {
            if (total.signum() != 0) {
                assertThat(seriesOf).as("%s has %s in the measure: it is drawn", channel, total).containsKey(channel);
            }
        });

        Map<List<String>, BigDecimal> expectedCredit = new TreeMap<>(Comparator.comparing(List::toString));
        Map<List<String>, Long> expectedCents = new TreeMap<>(Comparator.comparing(List::toString));
        for (MonthTotalRecord m : store) {
            String series = seriesOf.get(m.channel());
            if (series != null) {
                expectedCredit.merge(List.of(series, m.month()), m.credit(), BigDecimal::add);
                expectedCents.merge(List.of(series, m.month()), m.revenueCents().longValueExact(), Long::sum);
            }
        }
        Set<List<String>> segments = new TreeSet<>(Comparator.comparing(List::toString));
        for (JsonNode segment : chart.get("segments")) {
            List<String> key = List.of(segment.get("series").asText(), segment.get("month").asText());
            assertThat(segments.add(key)).as("one segment per series and month").isTrue();
            assertThat(expectedCredit).as("a segment with data: %s", key).containsKey(key);
            assertThat(new BigDecimal(segment.get("credit").asText())).as("credit of %s", key)
                    .isEqualByComparingTo(expectedCredit.get(key));
            assertThat(segment.get("cents").asLong()).as("revenue of %s", key).isEqualTo(expectedCents.get(key));
        }
        assertThat(segments).as("a segment for every series and month with data").hasSameSizeAs(expectedCredit.keySet());

        assertThat(chart.get("spend").asText()).as("money was spent: the spend line shows").isEqualTo("on");
        Map<String, Long> spendShown = new TreeMap<>();
        chart.get("spendPoints").forEach(p -> spendShown.put(p.get("month").asText(), p.get("cents").asLong()));
        Map<String, Long> spendExpected = new TreeMap<>();
        axis.forEach(month -> spendExpected.put(month, spendByMonth.getOrDefault(month, 0L)));
        assertThat(spendShown).as("the spend of each month, over every channel").isEqualTo(spendExpected);
    }

    private static String money(String spend, String roas, String costPerConversion) {
        return spend + " " + (roas == null || roas.isEmpty() ? "-" : roas) + " "
                + (costPerConversion == null || costPerConversion.isEmpty() ? "-" : costPerConversion);
    }

    private static long cents(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }
}

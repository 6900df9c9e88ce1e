package io.attributionstreams.channels;

import java.time.YearMonth;
import java.util.Objects;

/** A (month, channel) pair of any (type, model), as a key where parts are summed before they are keyed by row. */
public record MonthChannel(YearMonth month, String channel) {
    @Override
    public int hashCode() {
        return MonthKey.hash(month) * 31 + Objects.hashCode(channel); // not YearMonth's own: see MonthKey.hash
    }
}

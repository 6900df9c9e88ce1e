package io.attributionstreams.contract;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;

/** How numbers and times are written in every output (docs/contract.md §7). */
public final class Formats {
    private static final MathContext CREDIT_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final ConcurrentHashMap<BigDecimal, String> CREDIT_CACHE = new ConcurrentHashMap<>();
    /** {@code yyyy-MM-dd} per epoch day: a data set spans a few hundred days, written millions of times. */
    private static final ConcurrentHashMap<Long, String> DAYS = new ConcurrentHashMap<>();

    private Formats() {
    }

    /**
     * A credit with 15 significant digits and no trailing zeros, the way C's and Python's
     * {@code %.15g} write it: {@code 0.25}, {@code 1}, {@code 0.166666666666667}, and exponent
     * form below 1e-4: {@code 3.23230722952352e-18}.
     */
    public static String credit(BigDecimal credit) {
        // the same few credits (1/2, 1/3, 1/4 ...) recur millions of times; rounding a 34-digit decimal does not
        String cached = CREDIT_CACHE.get(credit);
        if (cached == null) {
            if (CREDIT_CACHE.size() > 100_000) {
                CREDIT_CACHE.clear();
            }
            cached = formatCredit(credit);
            CREDIT_CACHE.put(credit, cached);
        }
        return cached;
    }

    private static String formatCredit(BigDecimal credit) {
        BigDecimal rounded = credit.round(CREDIT_DIGITS).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < CREDIT_DIGITS.getPrecision()) {
            return rounded.toPlainString();
        }
        String digits = rounded.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder(rounded.signum() < 0 ? "-" : "");
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        out.append(abs < 10 ? "0" : "").append(abs);
        return out.toString();
    }

    /**
     * ISO-8601 in UTC with {@code Z}, seconds always, fractions only when present: what
     * {@link Instant#toString()} writes, without its formatter (this runs for every output row).
     */
    public static String time(Instant instant) {
        if (instant == null) {
            return "";
        }
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        String date = DAYS.computeIfAbsent(epochDay, d -> LocalDate.ofEpochDay(d).toString());
        if (instant.getNano() != 0 || date.length() != 10) {
            return instant.toString();
        }
        char[] out = new char[20];
        date.getChars(0, 10, out, 0);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}

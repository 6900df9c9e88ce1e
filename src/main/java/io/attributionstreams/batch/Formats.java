package io.attributionstreams.batch;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;

/** How numbers and times are written in every output (SEMANTICS section 7). */
public final class Formats {
    private static final MathContext CREDIT_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    private Formats() {
    }

    /**
     * A credit with 15 significant digits and no trailing zeros, the way C's and Python's
     * {@code %.15g} write it: {@code 0.25}, {@code 1}, {@code 0.166666666666667}, and exponent
     * form below 1e-4: {@code 3.23230722952352e-18}.
     */
    public static String credit(BigDecimal credit) {
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

    /** ISO-8601 in UTC with {@code Z}; empty for none. */
    public static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}

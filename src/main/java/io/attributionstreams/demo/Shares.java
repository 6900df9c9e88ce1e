package io.attributionstreams.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Credit as a share of a whole, the way people read it: a percentage with one decimal. */
public final class Shares {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Shares() {
    }

    /** {@code 41.7%}; {@code -} when the whole is zero (nothing to share). */
    public static String percent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return "-";
        }
        return part.multiply(HUNDRED).divide(whole, 1, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    /** A money string with thousands separators: {@code 1127.73} as {@code 1,127.73}. */
    public static String money(String amount) {
        if (amount == null) {
            return "";
        }
        try {
            return String.format(Locale.ROOT, "%,.2f", new BigDecimal(amount));
        } catch (NumberFormatException e) {
            return amount;
        }
    }
}

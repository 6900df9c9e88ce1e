package io.attributionstreams.normalise;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Exact amounts in the configured currency, held as minor units (cents, two decimals).
 * An amount with more precision than a cent, or in another currency, is rejected rather than rounded.
 */
public final class Money {
    /** Ten trillion in major units: far above any real payment, far below overflow of a sum. */
    private static final long MAX_ABS_CENTS = 1_000_000_000_000_000L;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private final String currency;

    public Money(String currency) {
        String code = Text.clean(currency);
        if (code == null || !code.matches("[A-Za-z]{3}")) {
            throw new IllegalArgumentException("currency must be a three-letter code, got '" + currency + "'");
        }
        this.currency = code.toUpperCase(Locale.ROOT);
    }

    public String currency() {
        return currency;
    }

    /** Rejects a payment whose currency is not the configured one. */
    public void checkCurrency(String raw) {
        String code = Text.required(raw, "currency").toUpperCase(Locale.ROOT);
        if (!code.equals(currency)) {
            throw new RejectedFactException("currency " + code + " is not " + currency);
        }
    }

    /** The amount in cents, exactly. */
    public long cents(String raw) {
        String value = Text.required(raw, "amount");
        if (value.length() > 40 || !DECIMAL.matcher(value).matches()) {
            throw new RejectedFactException("unparseable amount '" + value + "'");
        }
        BigDecimal cents = new BigDecimal(value).movePointRight(2).stripTrailingZeros();
        if (cents.scale() > 0) {
            throw new RejectedFactException("amount '" + value + "' has more than 2 decimals");
        }
        if (cents.abs().compareTo(BigDecimal.valueOf(MAX_ABS_CENTS)) > 0) {
            throw new RejectedFactException("amount '" + value + "' is out of range");
        }
        return cents.longValueExact();
    }

    /** Cents as a decimal with exactly two places: {@code -9.99}, {@code 0.00}, {@code 25.00}. */
    public static String format(long cents) {
        long abs = Math.abs(cents);
        long minor = abs % 100;
        return (cents < 0 ? "-" : "") + abs / 100 + (minor < 10 ? ".0" : ".") + minor;
    }
}

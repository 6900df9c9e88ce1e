package io.attributionstreams.normalise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Exact amounts in the configured currency, held as minor units (cents, two decimals).
 * An amount with more precision than a cent, or in another currency, is rejected rather than rounded.
 */
public final class Money {
    /** Ten trillion in major units (docs/contract.md §9): far above any real payment. Sums are exact at any size. */
    private static final long MAX_ABS_CENTS = 1_000_000_000_000_000L;
    /** Digits before the point an amount in range can have (10^13 has 14). */
    private static final int MAX_INTEGER_DIGITS = 14;
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
            throw new RejectedFactException("currency " + (code.matches("[A-Z]{3}") ? code : Text.quote(code))
                    + " is not " + currency);
        }
    }

    /** The amount in cents, exactly. */
    public long cents(String raw) {
        String value = Text.required(raw, "amount");
        if (!DECIMAL.matcher(value).matches()) {
            throw new RejectedFactException("unparseable amount " + Text.quote(value));
        }
        if (integerDigits(value) > MAX_INTEGER_DIGITS) {
            // checked on the text: a producer may send a million digits, which BigDecimal parses slowly
            throw new RejectedFactException("amount out of range");
        }
        BigDecimal cents = new BigDecimal(value).movePointRight(2).stripTrailingZeros();
        if (cents.abs().compareTo(BigDecimal.valueOf(MAX_ABS_CENTS)) > 0) {
            throw new RejectedFactException("amount out of range");
        }
        if (cents.scale() > 0) {
            throw new RejectedFactException("amount " + Text.quote(value) + " has more than 2 decimals");
        }
        return cents.longValueExact();
    }

    /** Digits before the point, without leading zeros. */
    private static int integerDigits(String decimal) {
        int point = decimal.indexOf('.');
        int end = point < 0 ? decimal.length() : point;
        int start = decimal.charAt(0) == '+' || decimal.charAt(0) == '-' ? 1 : 0;
        while (start < end && decimal.charAt(start) == '0') {
            start++;
        }
        return end - start;
    }

    /** Cents as a decimal with exactly two places: {@code -9.99}, {@code 0.00}, {@code 25.00}. */
    public static String format(long cents) {
        if (cents == 0) {
            return "0.00"; // most rows of attribution.csv: only a payment's touchpoints share revenue
        } else if (cents == Long.MIN_VALUE) {
            return format(BigInteger.valueOf(cents));
        }
        long abs = Math.abs(cents);
        long minor = abs % 100;
        return (cents < 0 ? "-" : "") + abs / 100 + (minor < 10 ? ".0" : ".") + minor;
    }

    /** {@link #format(long)} for a sum of any size. */
    public static String format(BigInteger cents) {
        if (cents.bitLength() < 64) {
            return format(cents.longValue());
        }
        return new BigDecimal(cents, 2).toPlainString();
    }
}

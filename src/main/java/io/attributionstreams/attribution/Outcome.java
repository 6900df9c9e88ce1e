package io.attributionstreams.attribution;

import io.attributionstreams.conversion.ConversionType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * A converted customer's answer for one (conversion type, model).
 *
 * <p>An outcome with touchpoints is an attribution record (docs/contract.md §7). An outcome with
 * none is a customer that converted with no touchpoint earning credit: it has no attribution
 * record, but its revenue counts in the channel {@code (unattributed)}.
 *
 * @param conversionAt null for FIRST_CONTACT
 * @param revenueCents the customer's revenue R, all of its payments, exact at any size
 * @param firstCreditingAt the time of the earliest crediting touchpoint (the first the model saw, whatever
 *     its credit); null when there is none
 */
public record Outcome(
        String customerId,
        ConversionType type,
        String model,
        Instant conversionAt,
        BigInteger revenueCents,
        List<CreditedTouchpoint> touchpoints,
        Instant firstCreditingAt) {

    /**
     * Significant digits kept of each exact credit (as IEEE decimal128): far beyond what the
     * contract compares, and the same value everywhere a credit is added up.
     */
    public static final java.math.MathContext CREDIT_PRECISION = java.math.MathContext.DECIMAL128;

    public Outcome {
        touchpoints = List.copyOf(touchpoints);
    }

    /**
     * When the conversion counts in the monthly totals (docs/contract.md §12): its conversion time, or for
     * FIRST_CONTACT, which has none, its earliest crediting touchpoint's; null when neither exists.
     */
    public Instant countedAt() {
        return conversionAt != null ? conversionAt : firstCreditingAt;
    }

    public boolean attributed() {
        return !touchpoints.isEmpty();
    }

    /** The key of its record on {@code attribution-updates}: {@code customer|type|model}. */
    public String key() {
        return key(customerId, type, model);
    }

    public static String key(String customerId, ConversionType type, String model) {
        return customerId + '|' + type.name() + '|' + model;
    }
}

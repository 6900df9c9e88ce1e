package io.attributionstreams.cli;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that change the numbers, shared by every command that computes attribution. */
public final class AttributionOptions {

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Business zone for times without an offset and for calendar days (default: ${DEFAULT-VALUE}).")
    String zone;

    @Option(names = "--region", paramLabel = "R", defaultValue = "US",
            description = "Default region for phone numbers without a country code (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--currency", paramLabel = "C", defaultValue = "USD",
            description = "The one accepted payment currency (default: ${DEFAULT-VALUE}).")
    String currency;

    @Option(names = "--types", paramLabel = "T,...", split = ",",
            description = "Conversion types: FIRST_CONTACT, FIRST_BOOKED, FIRST_ATTENDED, FIRST_PAID (default: all four).")
    List<String> types;

    @Option(names = "--models", paramLabel = "M,...", split = ",",
            description = "Credit models: daily_split, first_touch, last_touch, linear, position_based, time_decay "
                    + "(default: daily_split).")
    List<String> models;

    @Option(names = "--lookback", paramLabel = "DURATION",
            description = "Only touchpoints this long before the conversion earn credit, e.g. P90D (default: none).")
    String lookback;

    @Option(names = "--half-life", paramLabel = "DURATION", defaultValue = "P7D",
            description = "Half-life of time_decay (default: ${DEFAULT-VALUE}).")
    String halfLife;

    /** The settings these options name; a bad value is an IllegalArgumentException with a clear message. */
    public AttributionSettings settings() {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown zone '" + zone + "'");
        }
        List<ConversionType> conversionTypes = types == null || types.isEmpty()
                ? ConversionType.ALL
                : types.stream().map(ConversionType::parse).distinct().toList();
        List<String> modelNames = models == null || models.isEmpty() ? List.of(CreditModels.DEFAULT) : models;
        return new AttributionSettings(zoneId, region.strip().toUpperCase(java.util.Locale.ROOT), currency,
                conversionTypes, CreditModels.named(modelNames),
                lookback == null ? null : duration(lookback, "--lookback"), duration(halfLife, "--half-life"))
                .withCurrency(validCurrency(currency));
    }

    private static String validCurrency(String code) {
        new io.attributionstreams.normalise.Money(code);
        return code.strip().toUpperCase(java.util.Locale.ROOT);
    }

    static Duration duration(String value, String option) {
        try {
            return Duration.parse(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes an ISO-8601 duration such as P90D or PT12H, got '"
                    + value + "'");
        }
    }

    @Override
    public String toString() {
        return "zone=" + zone + " region=" + region + " currency=" + currency + " types="
                + (types == null ? "all" : Arrays.toString(types.toArray())) + " models=" + models;
    }
}

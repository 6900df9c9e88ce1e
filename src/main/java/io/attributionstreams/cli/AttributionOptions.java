package io.attributionstreams.cli;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.SettingsText;
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
        return SettingsText.parse(zone, region, currency, types == null ? null : String.join(",", types),
                models == null ? null : String.join(",", models), lookback, halfLife, name -> "--" + name);
    }

    @Override
    public String toString() {
        return "zone=" + zone + " region=" + region + " currency=" + currency + " types="
                + (types == null ? "all" : Arrays.toString(types.toArray())) + " models=" + models;
    }
}

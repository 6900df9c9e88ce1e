package io.attributionstreams.cli;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.credit.CreditModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that change the numbers, shared by every command that computes attribution. Each is
 * the top layer over its configuration key ({@code --zone} over {@code attribution.zone}), so an option
 * not given leaves the file's, the environment's or the built-in value.
 */
public final class AttributionOptions {

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Business zone for times without an offset and for calendar days (attribution.zone; default: "
                    + AttributionSettings.DEFAULT_ZONE + ").")
    String zone;

    @Option(names = "--region", paramLabel = "R",
            description = "Default region for phone numbers without a country code (attribution.region; default: "
                    + AttributionSettings.DEFAULT_REGION + ").")
    String region;

    @Option(names = "--currency", paramLabel = "C",
            description = "The one accepted payment currency (attribution.currency; default: "
                    + AttributionSettings.DEFAULT_CURRENCY + ").")
    String currency;

    @Option(names = "--types", paramLabel = "T,...", split = ",",
            description = "Conversion types: FIRST_CONTACT, FIRST_BOOKED, FIRST_ATTENDED, FIRST_PAID (attribution.types; "
                    + "default: all four).")
    List<String> types;

    @Option(names = "--models", paramLabel = "M,...", split = ",",
            description = "Credit models: daily_split, first_touch, last_touch, linear, position_based, time_decay, "
                    + "w_shaped, full_path, markov (attribution.models; default: " + CreditModels.DEFAULT + ").")
    List<String> models;

    @Option(names = "--lookback", paramLabel = "DURATION",
            description = "Only touchpoints this long before the conversion earn credit, e.g. P90D (attribution.lookback; "
                    + "default: none).")
    String lookback;

    @Option(names = "--half-life", paramLabel = "DURATION",
            description = "Half-life of time_decay (attribution.half-life; default: " + AttributionSettings.DEFAULT_HALF_LIFE_TEXT
                    + ").")
    String halfLife;

    @Option(names = "--path-transforms", paramLabel = "T,...",
            description = "Applied in order to each conversion's touchpoints before the models: exposure, first, "
                    + "remove_if_not_all:CHANNEL, remove_if_last_and_not_all:CHANNEL (attribution.path-transforms; "
                    + "default: none).")
    String pathTransforms;

    /** The options given (and only those), as the configuration keys they set. */
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        put(keys, AppConfig.ZONE, zone);
        put(keys, AppConfig.REGION, region);
        put(keys, AppConfig.CURRENCY, currency);
        put(keys, AppConfig.TYPES, types == null ? null : String.join(",", types));
        put(keys, AppConfig.MODELS, models == null ? null : String.join(",", models));
        put(keys, AppConfig.LOOKBACK, lookback);
        put(keys, AppConfig.HALF_LIFE, halfLife);
        put(keys, AppConfig.PATH_TRANSFORMS, pathTransforms);
        return keys;
    }

    private static void put(Map<String, String> keys, String key, String value) {
        if (value != null) {
            keys.put(key, value);
        }
    }
}

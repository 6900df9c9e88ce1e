package io.attributionstreams.attribution;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.credit.PathTransforms;
import io.attributionstreams.normalise.Money;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Attribution settings from the words a user wrote, in one place for every way of writing them
 * (command-line options, properties file, environment). A bad value is an
 * {@link IllegalArgumentException} that names the option or key it came from.
 */
public final class SettingsText {
    private SettingsText() {
    }

    /**
     * @param types comma-separated, or blank for all four
     * @param models comma-separated, or blank for the default model
     * @param lookback ISO-8601 duration, or blank for none
     * @param pathTransforms comma-separated path transforms, or blank for none
     * @param label turns a setting's name ({@code zone}, {@code lookback}, {@code half-life}) into the option or
     *     key the user wrote ({@code --zone}, {@code attribution.zone})
     */
    public static AttributionSettings parse(String zone, String region, String currency, String types, String models,
            String lookback, String halfLife, String pathTransforms, UnaryOperator<String> label) {
        new Money(currency); // validates the code with a clear message
        List<ConversionType> conversionTypes = blank(types) ? ConversionType.ALL
                : split(types).stream().map(ConversionType::parse).distinct().toList();
        List<String> modelNames = blank(models) ? List.of(CreditModels.DEFAULT) : split(models);
        // markov credits channels, not touchpoints: it is not a CreditModel and runs besides them
        boolean markov = modelNames.contains(AttributionSettings.MARKOV);
        List<String> perTouchpoint = modelNames.stream().filter(m -> !m.equals(AttributionSettings.MARKOV)).toList();
        PathTransforms transforms;
        try {
            transforms = PathTransforms.parse(pathTransforms);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label.apply("path-transforms") + ": " + e.getMessage());
        }
        return new AttributionSettings(zone(zone), region.strip().toUpperCase(Locale.ROOT),
                currency.strip().toUpperCase(Locale.ROOT), conversionTypes,
                perTouchpoint.isEmpty() ? List.of() : CreditModels.named(perTouchpoint),
                blank(lookback) ? null : duration(lookback, label.apply("lookback")),
                duration(halfLife, label.apply("half-life")), transforms, markov);
    }

    public static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown zone '" + zone + "'");
        }
    }

    public static Duration duration(String value, String name) {
        try {
            return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " takes an ISO-8601 duration such as P90D or PT12H, got '"
                    + value + "'");
        }
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package io.attributionstreams.attribution;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModel;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.credit.PathTransforms;
import java.util.ArrayList;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything that changes the numbers: the same settings give the same answer in the batch
 * engine and in the streaming topology.
 *
 * @param zone business zone for times without an offset and for calendar days
 * @param region default region for phone numbers without a country code
 * @param currency the only currency accepted
 * @param types conversion types to compute, in output order
 * @param models credit models to compute
 * @param lookback touchpoints older than conversion minus this earn nothing; null for none
 * @param halfLife the time-decay half-life
 * @param pathTransforms applied to each conversion's crediting touchpoints before any model (§13)
 * @param markov whether the {@code markov} channel model (§14) runs besides the per-touchpoint models
 */
public record AttributionSettings(
        ZoneId zone,
        String region,
        String currency,
        List<ConversionType> types,
        List<CreditModel> models,
        Duration lookback,
        Duration halfLife,
        PathTransforms pathTransforms,
        boolean markov) {

    /** The name of the Markov removal-effect model, which credits channels rather than touchpoints. */
    public static final String MARKOV = "markov";

    /** The contract's defaults, written once: every command's options and the configuration's keys use these. */
    public static final String DEFAULT_ZONE = "UTC";
    public static final String DEFAULT_REGION = "US";
    public static final String DEFAULT_CURRENCY = "USD";
    public static final String DEFAULT_HALF_LIFE_TEXT = "P7D";
    public static final Duration DEFAULT_HALF_LIFE = Duration.parse(DEFAULT_HALF_LIFE_TEXT);

    public AttributionSettings {
        types = List.copyOf(types);
        models = List.copyOf(models);
        if (pathTransforms == null) {
            pathTransforms = PathTransforms.NONE;
        }
        if (models.isEmpty() && !markov) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("at least one conversion type is needed");
        }
        if (lookback != null && (lookback.isNegative() || lookback.isZero())) {
            throw new IllegalArgumentException("lookback must be positive, got " + lookback);
        }
        if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("half-life must be positive, got " + halfLife);
        }
    }

    public AttributionSettings(ZoneId zone, String region, String currency, List<ConversionType> types,
            List<CreditModel> models, Duration lookback, Duration halfLife) {
        this(zone, region, currency, types, models, lookback, halfLife, PathTransforms.NONE, false);
    }

    /** Every model's name as outputs carry it: the per-touchpoint models in settings order, then markov. */
    public List<String> modelNames() {
        List<String> names = new ArrayList<>(models.stream().map(CreditModel::name).toList());
        if (markov) {
            names.add(MARKOV);
        }
        return names;
    }

    /** The contract's defaults: UTC, US, USD, all four types, daily_split, no lookback, P7D. */
    public static AttributionSettings defaults() {
        return new AttributionSettings(ZoneId.of(DEFAULT_ZONE), DEFAULT_REGION, DEFAULT_CURRENCY, ConversionType.ALL,
                CreditModels.named(List.of(CreditModels.DEFAULT)), null, DEFAULT_HALF_LIFE);
    }

    public AttributionSettings withModels(List<CreditModel> newModels) {
        return new AttributionSettings(zone, region, currency, types, newModels, lookback, halfLife, pathTransforms, markov);
    }

    public AttributionSettings withPathTransforms(PathTransforms newTransforms) {
        return new AttributionSettings(zone, region, currency, types, models, lookback, halfLife, newTransforms, markov);
    }

    public AttributionSettings withMarkov(boolean newMarkov) {
        return new AttributionSettings(zone, region, currency, types, models, lookback, halfLife, pathTransforms,
                newMarkov);
    }

    public AttributionSettings withTypes(List<ConversionType> newTypes) {
        return new AttributionSettings(zone, region, currency, newTypes, models, lookback, halfLife, pathTransforms, markov);
    }

    public AttributionSettings withLookback(Duration newLookback) {
        return new AttributionSettings(zone, region, currency, types, models, newLookback, halfLife, pathTransforms, markov);
    }

    public AttributionSettings withHalfLife(Duration newHalfLife) {
        return new AttributionSettings(zone, region, currency, types, models, lookback, newHalfLife, pathTransforms, markov);
    }

    public AttributionSettings withZone(ZoneId newZone) {
        return new AttributionSettings(newZone, region, currency, types, models, lookback, halfLife, pathTransforms, markov);
    }

    public AttributionSettings withRegion(String newRegion) {
        return new AttributionSettings(zone, newRegion, currency, types, models, lookback, halfLife, pathTransforms, markov);
    }

    public AttributionSettings withCurrency(String newCurrency) {
        return new AttributionSettings(zone, region, newCurrency, types, models, lookback, halfLife, pathTransforms, markov);
    }
}

package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.conversion.ConversionType;
import java.util.List;
import java.util.Locale;

/**
 * The optional {@code type} and {@code model} parameters, checked against what this engine computes
 * ({@code attribution.types}, {@code attribution.models}): asking for anything else is a 400 naming
 * the accepted values, never an empty answer that looks like "no data".
 *
 * @param type null for every type
 * @param model null for every model
 */
public record QueryFilter(ConversionType type, String model) {

    public static QueryFilter of(QueryRequest request, AttributionSettings settings) {
        return new QueryFilter(type(request.param("type"), settings), model(request.param("model"), settings));
    }

    /** For rows that have a type and no model: asking for a model is a 400 with this reason. */
    public static QueryFilter typeOnly(QueryRequest request, AttributionSettings settings, String noModel) {
        if (request.param("model") != null) {
            throw QueryProblem.badRequest(noModel);
        }
        return new QueryFilter(type(request.param("type"), settings), null);
    }

    private static ConversionType type(String value, AttributionSettings settings) {
        if (value == null) {
            return null;
        }
        return settings.types().stream()
                .filter(t -> t.name().equals(value.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> QueryProblem.badRequest("unknown type '" + shortened(value)
                        + "'; this engine computes " + String.join(", ", settings.types().stream().map(Enum::name).toList())));
    }

    private static String model(String value, AttributionSettings settings) {
        if (value == null) {
            return null;
        }
        List<String> names = settings.modelNames();
        if (!names.contains(value)) {
            throw QueryProblem.badRequest("unknown model '" + shortened(value) + "'; this engine computes "
                    + String.join(", ", names));
        }
        return value;
    }

    public boolean matches(String conversionType, String modelName) {
        return (type == null || type.name().equals(conversionType)) && (model == null || model.equals(modelName));
    }

    /** A client's value echoed in an error, cut short so that a huge parameter cannot bloat the reply. */
    static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}

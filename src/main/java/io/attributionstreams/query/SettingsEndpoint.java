package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.credit.CreditModel;
import java.util.List;

/** {@code GET /settings}: the types and models this engine computes (the dashboard's selectors) and the instance. */
final class SettingsEndpoint implements Endpoint {
    static final String PATH = "/settings";

    private final Settings settings;

    SettingsEndpoint(String self, AttributionSettings attribution) {
        this.settings = new Settings(self, attribution.types().stream().map(Enum::name).toList(),
                attribution.models().stream().map(CreditModel::name).toList());
    }

    /** The body. */
    record Settings(String instance, List<String> types, List<String> models) {
    }

    @Override
    public Reply answer(QueryRequest request) {
        if (!request.rawPath().equals(PATH)) {
            throw QueryProblem.notFound("no such endpoint; try " + PATH);
        }
        return Reply.json(200, settings);
    }
}

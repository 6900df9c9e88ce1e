package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.attribution.SettingsFingerprint.AnswerSettings;
import java.util.List;

/**
 * {@code GET /settings}: the settings behind this engine's answers and their fingerprint (the one on
 * every answer record), the types and models it computes (the dashboard's selectors), and the instance.
 */
final class SettingsEndpoint implements Endpoint {
    static final String PATH = "/settings";

    private final Settings settings;

    SettingsEndpoint(String self, AnswerSettings answers) {
        AttributionSettings attribution = answers.attribution();
        this.settings = new Settings(self, attribution.types().stream().map(Enum::name).toList(),
                attribution.modelNames(), answers.fingerprint(),
                attribution.zone().getId(), attribution.region(), attribution.currency(),
                attribution.lookback() == null ? null : attribution.lookback().toString(),
                attribution.halfLife().toString(), answers.maxClaimants(),
                answers.blockedDigest().isEmpty() ? null : answers.blockedDigest());
    }

    /**
     * The body.
     *
     * @param settingsFingerprint the {@code settings} field of every answer record this engine writes
     * @param blockedDigest SHA-256 of the blocked values, sorted (null when none is blocked): never the values
     */
    record Settings(String instance, List<String> types, List<String> models, String settingsFingerprint, String zone,
            String region, String currency, String lookback, String halfLife, int maxClaimants, String blockedDigest) {
    }

    @Override
    public Reply answer(QueryRequest request) {
        if (!request.rawPath().equals(PATH)) {
            throw QueryProblem.notFound("no such endpoint; try " + PATH);
        }
        return Reply.json(200, settings);
    }
}

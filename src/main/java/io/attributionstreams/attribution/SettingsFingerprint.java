package io.attributionstreams.attribution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The settings that change answers, as one short name: every answer record carries it, and
 * {@code /settings} shows the settings behind it, so a consumer sees which settings made an answer
 * and, after a reset, which answers are still the old settings'. It covers the attribution settings
 * (zone, region, currency, types, models, lookback, half-life) and the identity guardrails (claimant
 * cap, blocked values); not pacing or tuning, which never change a converged answer.
 */
public final class SettingsFingerprint {
    private SettingsFingerprint() {
    }

    /**
     * The settings behind the answers, and their fingerprint.
     *
     * @param maxClaimants the claimant cap, 0 for none
     * @param blockedDigest {@code IdentifierScreen.digest()} of the blocked values, "" for none
     */
    public record AnswerSettings(AttributionSettings attribution, int maxClaimants, String blockedDigest) {
        public String fingerprint() {
            return of(attribution, maxClaimants, blockedDigest);
        }

        public String canonical() {
            return SettingsFingerprint.canonical(attribution, maxClaimants, blockedDigest);
        }
    }

    /**
     * @param maxClaimants the claimant cap, 0 for none
     * @param blockedDigest {@code IdentifierScreen.digest()} of the blocked values, "" for none
     * @return the first 16 hex digits of the SHA-256 of {@link #canonical}
     */
    public static String of(AttributionSettings settings, int maxClaimants, String blockedDigest) {
        return sha256Hex(canonical(settings, maxClaimants, blockedDigest)).substring(0, 16);
    }

    /** The settings in a fixed text form, the fingerprint's input. */
    public static String canonical(AttributionSettings settings, int maxClaimants, String blockedDigest) {
        return "zone=" + settings.zone().getId()
                + ";region=" + settings.region()
                + ";currency=" + settings.currency()
                + ";types=" + settings.types().stream().map(Enum::name).collect(Collectors.joining(","))
                + ";models=" + String.join(",", settings.modelNames())
                + ";lookback=" + (settings.lookback() == null ? "" : settings.lookback())
                + ";half-life=" + settings.halfLife()
                + ";max-claimants=" + maxClaimants
                + ";blocked=" + blockedDigest
                // only when set, so that the fingerprints of deployments without transforms stay as they were
                + (settings.pathTransforms().isEmpty() ? "" : ";path-transforms=" + settings.pathTransforms());
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package io.attributionstreams.contract;

import java.math.BigDecimal;

/**
 * A record on {@code attribution-credits} (schema {@code schemas/attribution-credits.schema.json}): one
 * touchpoint's credit in one customer's current answer for one (conversion type, model), flat, the shape a
 * table sink upserts as one row. The same rows as {@code attribution.csv}, with the answer's version; every
 * row of an answer is written again, with the new version, each time the answer changes, and a tombstone
 * removes a row whose touchpoint left the answer, or whose answer went.
 *
 * @param type the touchpoint's interaction type
 * @param revenue the touchpoint's share of the answer's revenue, two decimals
 * @param settings the fingerprint of the settings that made the answer
 */
public record CreditRecord(
        String customerId,
        String conversionType,
        String model,
        long version,
        String conversionAt,
        String interactionId,
        String type,
        String channel,
        String campaign,
        String occurredAt,
        BigDecimal credit,
        String revenue,
        String settings) {

    /** The row of one of an answer's touchpoints, as the answer on {@code attribution-updates} holds it. */
    public static CreditRecord of(AttributionUpdate answer, AttributionUpdate.Touchpoint t) {
        return new CreditRecord(answer.customerId(), answer.conversionType(), answer.model(), answer.version(),
                answer.conversionAt(), t.interactionId(), t.type(), t.channel(), t.campaign(), t.occurredAt(),
                t.credit(), t.revenue(), answer.settings());
    }

    /**
     * Its key on the topic: the answer's key ({@code customer|type|model}), {@code |}, then the interaction id
     * with {@code \} written {@code \\} and {@code |} written {@code \|}. The last unescaped {@code |} ends the
     * answer's key, so two rows never share a key (on a compacted topic one would lose the other).
     */
    public static String key(String answerKey, String interactionId) {
        String id = interactionId.indexOf('|') < 0 && interactionId.indexOf('\\') < 0 ? interactionId
                : interactionId.replace("\\", "\\\\").replace("|", "\\|");
        return answerKey + '|' + id;
    }

    public String key() {
        return key(UpdateKey.answerKey(customerId, conversionType, model), interactionId);
    }

    /**
     * The answer key of a row's key: up to the last {@code |} that no {@code \} escapes (every {@code |} of the
     * escaped interaction id follows one; the separator follows the model's last letter).
     */
    public static String answerKeyOf(String key) {
        for (int i = key.length() - 1; i > 0; i--) {
            if (key.charAt(i) == '|' && key.charAt(i - 1) != '\\') {
                return key.substring(0, i);
            }
        }
        throw new IllegalArgumentException("not a credit row key: no answer key in it");
    }
}

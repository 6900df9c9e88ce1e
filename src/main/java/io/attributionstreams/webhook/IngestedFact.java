package io.attributionstreams.webhook;

/**
 * A fact a webhook carries, for one of the engine's input topics, in that topic's JSON form.
 *
 * @param topic the input topic ({@code interactions}, {@code customers}, ...)
 * @param key the fact's id, the record's key
 * @param value a {@code RawInteraction}, a {@code RawCustomer} or the JSON tree a producer sent in the
 *     engine's own shape
 */
public record IngestedFact(String topic, String key, Object value) {
}

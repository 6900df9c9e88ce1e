package io.attributionstreams.normalise;

/** An interaction as a producer sends it: untrusted strings. */
public record RawInteraction(
        String interactionId,
        String type,
        String occurredAt,
        String channel,
        String campaign,
        String phone,
        String email,
        String customerId) {
}

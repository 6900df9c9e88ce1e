package io.attributionstreams.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A normalised interaction. {@code phone} (E.164), {@code email} and {@code customerId} are null
 * when absent or invalid; at least one of them is present (otherwise the fact was rejected).
 */
public record Interaction(
        String interactionId,
        InteractionType type,
        Instant occurredAt,
        String channel,
        String campaign,
        String phone,
        String email,
        String customerId) {

    /** The identifiers this interaction carries, in a fixed order (phone, email, customer id). */
    public List<String> identifiers() {
        List<String> ids = new ArrayList<>(3);
        if (phone != null) {
            ids.add(Identifiers.phone(phone));
        }
        if (email != null) {
            ids.add(Identifiers.email(email));
        }
        if (customerId != null) {
            ids.add(Identifiers.customer(customerId));
        }
        return ids;
    }
}

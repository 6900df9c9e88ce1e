package io.attributionstreams.query;

import io.attributionstreams.contract.AttributionUpdate;
import java.util.List;

/**
 * The body of {@code GET /customers/{id}/attribution}: the customer's current records, each exactly
 * as on {@code attribution-updates} (schemas/attribution-updates.schema.json), so that a consumer of
 * the topic and a client of the API read one shape.
 */
public record CustomerAttributionReply(String customerId, List<AttributionUpdate> attribution) {
}

package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.contract.AttributionUpdate;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /customers/{id}/attribution?type=&model=}: the customer's current attribution records.
 * Answered from this instance's stores when it owns the customer's partition, otherwise forwarded
 * once to the owner; from a standby copy (marked stale) only when the owner cannot be reached.
 */
final class CustomerAttributionEndpoint implements Endpoint {
    static final String PATH = "/customers/";
    private static final Comparator<AttributionUpdate> ORDER = Comparator
            .comparing(AttributionUpdate::conversionType).thenComparing(AttributionUpdate::model);

    private final StoreView stores;
    private final Forwarding forwarding;
    private final AttributionSettings settings;

    CustomerAttributionEndpoint(StoreView stores, Forwarding forwarding, AttributionSettings settings) {
        this.stores = stores;
        this.forwarding = forwarding;
        this.settings = settings;
    }

    @Override
    public Reply answer(QueryRequest request) {
        String customerId = customerId(request);
        QueryFilter filter = QueryFilter.of(request, settings);
        stores.requireRunning();
        StoreView.KeyOwner owner = stores.ownerOf(customerId);
        return KeyOwners.answerAtOwner(stores, forwarding, request, owner,
                partition -> local(customerId, partition, false, filter), () -> {
                    if (owner.standbys().contains(stores.self())) {
                        return local(customerId, owner.partition(), true, filter).withHeader(Forwarding.STALE, "true");
                    }
                    throw QueryProblem.unavailable("the instance holding this customer (" + owner.active()
                            + ") does not answer");
                });
    }

    private Reply local(String customerId, int partition, boolean stale, QueryFilter filter) {
        List<AttributionUpdate> records = stores.customerRecords(customerId, partition, stale)
                .orElseThrow(() -> QueryProblem.notFound("no customer '" + QueryFilter.shortened(customerId) + "'"));
        List<AttributionUpdate> matching = records.stream()
                .filter(r -> filter.matches(r.conversionType(), r.model()))
                .sorted(ORDER)
                .toList();
        return Reply.json(200, new CustomerAttributionReply(customerId, matching));
    }

    /** The {id} of {@code /customers/{id}/attribution}. */
    private static String customerId(QueryRequest request) {
        String[] segments = request.segments();
        if (segments.length != 3 || !segments[0].equals("customers") || !segments[2].equals("attribution")) {
            throw QueryProblem.notFound("no such endpoint; try /customers/{id}/attribution");
        }
        return CustomerIds.checked(segments[1]);
    }

    /**
     * {@code /customers/{id}/identifiers} to {@code identifiers}, everything else under {@code /customers/}
     * to {@code attribution} (which answers a path it does not know with a 404).
     */
    static Endpoint routing(Endpoint attribution, Endpoint identifiers) {
        return request -> {
            String[] segments = request.segments();
            boolean identifiersAsked = segments.length == 3 && segments[0].equals("customers")
                    && segments[2].equals(CustomerIdentifiersEndpoint.SEGMENT);
            return identifiersAsked ? identifiers.answer(request) : attribution.answer(request);
        };
    }
}

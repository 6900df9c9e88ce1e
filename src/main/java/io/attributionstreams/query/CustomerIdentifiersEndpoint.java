package io.attributionstreams.query;

import java.util.List;

/**
 * {@code GET /customers/{id}/identifiers}: the pseudonyms of the phones and emails the customer's
 * current fact names, as the engine keeps them (docs/contract.md §10): what the {@code erase} command
 * puts in an erasure request for a customer, so that it names every identifier of the person even
 * though the engine holds no phone or email. Answered by the instance that keeps the customer's fact,
 * forwarded there once otherwise.
 */
final class CustomerIdentifiersEndpoint implements Endpoint {
    static final String SEGMENT = "identifiers";

    private final StoreView stores;
    private final Forwarding forwarding;

    CustomerIdentifiersEndpoint(StoreView stores, Forwarding forwarding) {
        this.stores = stores;
        this.forwarding = forwarding;
    }

    /** The reply: the customer's id and its identifiers' pseudonyms, phones first, in the fact's order. */
    record CustomerIdentifiersReply(String customerId, List<String> pseudonyms) {
    }

    @Override
    public Reply answer(QueryRequest request) {
        String customerId = CustomerIds.checked(request.segments()[1]);
        stores.requireRunning();
        StoreView.KeyOwner owner = stores.ownerOfCustomerFact(customerId);
        // no standby answer: an erasure request must name what the engine holds now, not a copy behind it
        return KeyOwners.answerAtOwner(stores, forwarding, request, owner, partition -> local(customerId, partition),
                () -> {
                    throw QueryProblem.unavailable("the instance holding this customer (" + owner.active()
                            + ") does not answer");
                });
    }

    private Reply local(String customerId, int partition) {
        List<String> pseudonyms = stores.customerPseudonyms(customerId, partition, false)
                .orElseThrow(() -> QueryProblem.notFound("no customer '" + QueryFilter.shortened(customerId) + "'"));
        return Reply.json(200, new CustomerIdentifiersReply(customerId, pseudonyms));
    }
}

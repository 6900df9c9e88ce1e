package io.attributionstreams.query;

import java.io.IOException;
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
        if (!owner.available()) {
            throw QueryProblem.unavailable("which instance holds this customer is not known yet");
        }
        if (owner.active().equals(stores.self())) {
            return local(customerId, owner.partition());
        }
        if (request.forwarded()) {
            throw QueryProblem.unavailable("forwarded here by " + request.forwardedBy() + ", but the customer's "
                    + "partition is now on " + owner.active());
        }
        try {
            return forwarding.get(owner.active(), request.pathAndQuery(), stores.self())
                    .withHeader(Forwarding.VIA, stores.self());
        } catch (IOException e) {
            // no standby answer: an erasure request must name what the engine holds now, not a copy behind it
            throw QueryProblem.unavailable("the instance holding this customer (" + owner.active()
                    + ") does not answer");
        }
    }

    private Reply local(String customerId, int partition) {
        List<String> pseudonyms = stores.customerPseudonyms(customerId, partition, false)
                .orElseThrow(() -> QueryProblem.notFound("no customer '" + QueryFilter.shortened(customerId) + "'"));
        return Reply.json(200, new CustomerIdentifiersReply(customerId, pseudonyms));
    }
}

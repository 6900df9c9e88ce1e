package io.attributionstreams.query;

import java.io.IOException;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Answering a request about one key where that key lives: from this instance's stores when it owns the
 * key's partition, otherwise forwarded once to the owner; a request forwarded here for a key that moved
 * meanwhile is a 503 rather than bounced on.
 */
final class KeyOwners {
    private KeyOwners() {
    }

    /**
     * @param local the answer from this instance's stores, given the key's partition
     * @param ownerSilent the answer when the owner cannot be reached (a standby copy, or a 503)
     */
    static Reply answerAtOwner(StoreView stores, Forwarding forwarding, QueryRequest request, StoreView.KeyOwner owner,
            IntFunction<Reply> local, Supplier<Reply> ownerSilent) {
        if (!owner.available()) {
            throw QueryProblem.unavailable("which instance holds this customer is not known yet");
        }
        if (owner.active().equals(stores.self())) {
            return local.apply(owner.partition());
        }
        if (request.forwarded()) {
            // the partition moved after the other instance looked: answering beats bouncing the request on
            throw QueryProblem.unavailable("forwarded here by " + request.forwardedBy() + ", but the customer's "
                    + "partition is now on " + owner.active());
        }
        try {
            return forwarding.get(owner.active(), request.pathAndQuery(), stores.self())
                    .withHeader(Forwarding.VIA, stores.self());
        } catch (IOException e) {
            return ownerSilent.get();
        }
    }
}

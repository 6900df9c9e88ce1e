package io.attributionstreams.topology;

import io.attributionstreams.normalise.IdentifierScreen;
import io.attributionstreams.normalise.IdentifierValues;

/**
 * How step 1 treats phones and emails before the identity graph sees them: which values link nobody
 * (blocked, docs/contract.md §10), and what the others become (their keyed pseudonyms).
 */
public record IdentityOptions(IdentifierScreen blocked, IdentifierValues values) {

    /** No value blocked; every value turned into a pseudonym by {@code values}. */
    public static IdentityOptions pseudonymised(IdentifierValues values) {
        return new IdentityOptions(IdentifierScreen.NONE, values);
    }

    public IdentityOptions withBlocked(IdentifierScreen newBlocked) {
        return new IdentityOptions(newBlocked, values);
    }
}

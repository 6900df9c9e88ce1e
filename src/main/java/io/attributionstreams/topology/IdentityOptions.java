package io.attributionstreams.topology;

import io.attributionstreams.normalise.IdentifierScreen;
import io.attributionstreams.normalise.IdentifierValues;

/**
 * How phones and emails take part in identity (docs/contract.md §10): which values link nobody
 * (blocked, in step 1), what the others become before any repartition or store (their keyed
 * pseudonyms, in step 1), and how many customers may claim one before it links none of them (the
 * claimant cap, in step 2; 0 for no cap).
 */
public record IdentityOptions(IdentifierScreen blocked, IdentifierValues values, int maxClaimants) {

    public IdentityOptions {
        if (maxClaimants < 0) {
            throw new IllegalArgumentException("max claimants must be 0 (no cap) or more, got " + maxClaimants);
        }
    }

    /** No claimant cap. */
    public IdentityOptions(IdentifierScreen blocked, IdentifierValues values) {
        this(blocked, values, 0);
    }

    /** No value blocked, no cap; every value turned into a pseudonym by {@code values}. */
    public static IdentityOptions pseudonymised(IdentifierValues values) {
        return new IdentityOptions(IdentifierScreen.NONE, values, 0);
    }

    public IdentityOptions withBlocked(IdentifierScreen newBlocked) {
        return new IdentityOptions(newBlocked, values, maxClaimants);
    }

    /** @param newMaxClaimants K of docs/contract.md §10, 0 for none */
    public IdentityOptions withMaxClaimants(int newMaxClaimants) {
        return new IdentityOptions(blocked, values, newMaxClaimants);
    }
}

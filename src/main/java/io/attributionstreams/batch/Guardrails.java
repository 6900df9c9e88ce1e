package io.attributionstreams.batch;

import io.attributionstreams.identity.BlockedIdentifiers;
import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.privacy.Suppression;
import io.attributionstreams.normalise.Suppressions;

/**
 * The identity guardrails and erasures of a run, loaded (docs/contract.md §10, §11).
 *
 * @param blocked phones and emails that link nobody
 * @param maxClaimants the claimant cap K; 0 for none
 * @param suppressed the erased subjects
 * @param pseudonyms the key that writes pseudonyms ({@code capped.csv}) and keeps the suppression
 */
public record Guardrails(BlockedIdentifiers blocked, int maxClaimants, Suppressions suppressed, Pseudonyms pseudonyms) {

    /** No guardrail: the contract's numbers of §1 to §9, bit for bit. */
    public static Guardrails none() {
        return new Guardrails(BlockedIdentifiers.NONE, 0, Suppressions.NONE, null);
    }

    public Guardrails {
        if (maxClaimants < 0) {
            throw new IllegalArgumentException("max claimants must be positive, got " + maxClaimants);
        }
    }

    public int suppressedSubjects() {
        return suppressed instanceof Suppression s ? s.size() : 0;
    }
}

package io.attributionstreams.topology.identity;

import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.topology.Names;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How many customers claim each identifier (the {@code identity-claim-counts} store), so that the
 * claimant cap of docs/contract.md §10 and the hot meter cost one read, not a scan of a call
 * centre's claimants. A count missing from the store (state written before the store existed) is
 * counted once from {@code identity-claims}; a count of 0 is no row.
 */
final class ClaimCounts {
    private final KeyValueStore<String, Long> counts;
    private final KeyValueStore<String, Long> claims;
    private final int maxClaimants;

    /** @param maxClaimants K: an identifier more than K customers claim is capped; 0 for no cap */
    ClaimCounts(KeyValueStore<String, Long> counts, KeyValueStore<String, Long> claims, int maxClaimants) {
        this.counts = counts;
        this.claims = claims;
        this.maxClaimants = maxClaimants;
    }

    /** The claimants of {@code identifier} once a new claim on it is stored. */
    long claimed(String identifier) {
        return store(identifier, counted(identifier, true));
    }

    /** The claimants of {@code identifier} once a claim on it is deleted. */
    long unclaimed(String identifier) {
        return store(identifier, counted(identifier, false));
    }

    long of(String identifier) {
        Long count = counts.get(identifier);
        return count != null ? count : scan(identifier);
    }

    /** Whether {@code identifier} links nobody because too many customers claim it; a customer's own id never is. */
    boolean capped(String identifier) {
        return enabled() && cappedAt(identifier, of(identifier));
    }

    boolean cappedAt(String identifier, long claimants) {
        return maxClaimants > 0 && claimants > maxClaimants && !identifier.startsWith(Identifiers.CUSTOMER_PREFIX);
    }

    /** Whether the cap is on at all. */
    boolean enabled() {
        return maxClaimants > 0;
    }

    long maxClaimants() {
        return maxClaimants;
    }

    /** The count after a change the claims store already holds: one more or one less than before it. */
    private long counted(String identifier, boolean added) {
        Long count = counts.get(identifier);
        if (count == null) {
            return scan(identifier); // the claims store already has the change
        }
        return added ? count + 1 : count - 1;
    }

    private long store(String identifier, long count) {
        if (count <= 0) {
            counts.delete(identifier);
            return 0;
        }
        counts.put(identifier, count);
        return count;
    }

    private long scan(String identifier) {
        long count = 0;
        try (KeyValueIterator<String, Long> it = claims.prefixScan(Names.prefixOf(identifier),
                Serdes.String().serializer())) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }
}

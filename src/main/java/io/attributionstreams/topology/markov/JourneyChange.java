package io.attributionstreams.topology.markov;

/**
 * A customer's path for one conversion type as it was and as it is (docs/contract.md §14): the Markov
 * counts take the old one out and put the new one in. Either is null when there was, or is, none.
 */
public record JourneyChange(StoredJourney before, StoredJourney after) {
}

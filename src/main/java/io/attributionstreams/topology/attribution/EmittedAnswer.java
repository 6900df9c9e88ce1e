package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.Outcome;

/**
 * The last answer for one (customer, type, model): its outcome (null when the customer has none,
 * attributed or not) and the version of the last record emitted for it, kept after a tombstone
 * so that a returning answer continues the count.
 */
public record EmittedAnswer(long version, Outcome outcome) {
}

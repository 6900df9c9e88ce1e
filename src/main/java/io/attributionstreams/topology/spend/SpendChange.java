package io.attributionstreams.topology.spend;

import io.attributionstreams.facts.Spend;

/** A spend fact as it was and as it is (docs/contract.md §12); either is null when there was, or is, none. */
public record SpendChange(Spend before, Spend after) {
}

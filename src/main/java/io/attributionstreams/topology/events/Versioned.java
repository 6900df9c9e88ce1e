package io.attributionstreams.topology.events;

/**
 * The last version of a fact as the first step saw it: the normalised fact (null once deleted)
 * and its revision, a counter per fact id that every event derived from the fact carries.
 */
public record Versioned<T>(T fact, long revision) {
}

package io.attributionstreams.topology.events;

/** A value and the key it must travel under next: what a step emits before a repartition. */
public record Keyed<V>(String key, V value) {
}

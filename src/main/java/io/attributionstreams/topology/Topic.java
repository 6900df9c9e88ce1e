package io.attributionstreams.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Produced;

/** A topic with its name and serdes: used everywhere the topic is read or written. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Produced<K, V> produced(String processorName) {
        return Produced.with(keySerde, valueSerde).withName(processorName);
    }
}

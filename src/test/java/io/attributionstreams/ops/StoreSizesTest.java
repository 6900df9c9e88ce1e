package io.attributionstreams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.topology.IdentityOptions;
import io.attributionstreams.topology.Pacing;
import io.attributionstreams.testsupport.TestPseudonyms;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.topology.AttributionTopology;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.StreamsSettings;
import io.attributionstreams.topology.TopologyMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scrape while Kafka Streams is not RUNNING (created, or closed) must not fail: every store's gauge
 * reads NaN. The RUNNING figures are checked on a real broker by {@code MetricsIT}.
 */
class StoreSizesTest {

    @Test
    void everyStoreReadsNaNWhileKafkaStreamsIsNotRunning(@TempDir Path state) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Properties props = StreamsSettings.defaults();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        Topology topology = AttributionTopology.build(AttributionSettings.defaults(), Pacing.DEFAULT,
                new TopologyMetrics(registry), IdentityOptions.pseudonymised(TestPseudonyms.values()));
        KafkaStreams streams = new KafkaStreams(topology, props);
        try {
            StoreSizes.bind(streams, topology, registry);

            assertThat(registry.get(StoreSizes.METRIC).gauges()).hasSize(Names.STORES.size())
                    .extracting(Gauge::value).containsOnly(Double.NaN);
        } finally {
            streams.close(Duration.ofSeconds(10));
        }
        assertThat(registry.get(StoreSizes.METRIC).gauges()).extracting(Gauge::value).containsOnly(Double.NaN);
    }
}

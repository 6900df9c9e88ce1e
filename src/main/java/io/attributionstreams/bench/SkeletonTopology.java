package io.attributionstreams.bench;

import io.attributionstreams.bench.SkeletonHops.Fact;
import io.attributionstreams.topology.Names;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The framework's ceiling for {@code bench stream}: a topology of the engine's shape (the same four input
 * topics, the same repartitions by identifier, by customer and by channel, one persistent store per hop
 * read, modified and written on the record's key) that does none of the engine's work (no normalisation,
 * no identity graph, no attribution). Run with the engine's Kafka Streams settings, its throughput is what
 * the engine could reach if its own work cost nothing.
 */
public final class SkeletonTopology {
    public static final String APPLICATION_ID = "attribution-bench-skeleton";

    // output topics, created like the engine's (see OUTPUT_PARTITIONS)
    public static final String UPDATES = "skeleton-updates";
    public static final String CHANNEL_TOTALS = "skeleton-channel-totals";
    /** The partitions of {@link #UPDATES} and {@link #CHANNEL_TOTALS}: those of the engine's two outputs. */
    public static final Map<String, Integer> OUTPUT_PARTITIONS = Map.of(UPDATES, 6, CHANNEL_TOTALS, 3);
    public static final List<String> OUTPUTS = List.of(UPDATES, CHANNEL_TOTALS);

    // repartitions
    public static final String BY_IDENTIFIER = "skeleton-by-identifier";
    public static final String BY_CUSTOMER = "skeleton-by-customer";
    public static final String BY_CHANNEL = "skeleton-by-channel";

    // stores, one per hop (per input topic at hop 0, as the engine keeps each fact's versions apart)
    public static final String CUSTOMER_VERSIONS = "skeleton-customer-versions";
    public static final String INTERACTION_VERSIONS = "skeleton-interaction-versions";
    public static final String APPOINTMENT_VERSIONS = "skeleton-appointment-versions";
    public static final String PAYMENT_VERSIONS = "skeleton-payment-versions";
    public static final String IDENTIFIER_OWNERS = "skeleton-identifier-owners";
    public static final String CUSTOMER_COUNTS = "skeleton-customer-counts";
    public static final String CHANNEL_COUNTS = "skeleton-channel-counts";

    // processors
    private static final String READ = "skeleton-read-";
    private static final String FACTS = "skeleton-facts-";
    private static final String MERGE_FACTS = "skeleton-merge-facts-";
    private static final String SPLIT = "skeleton-split-";
    private static final String TO_IDENTIFIER = "to-identifier";
    private static final String TO_CUSTOMER = "to-customer";
    private static final String IDENTIFIERS = "skeleton-identifiers";
    private static final String MERGE_CUSTOMER = "skeleton-merge-customer";
    private static final String CUSTOMERS = "skeleton-customers";
    private static final String UPDATE_VALUES = "skeleton-update-values";
    private static final String WRITE_UPDATES = "skeleton-write-updates";
    private static final String CHANNEL_DELTAS = "skeleton-channel-deltas";
    private static final String CHANNELS = "skeleton-channels";
    private static final String WRITE_CHANNEL_TOTALS = "skeleton-write-channel-totals";

    /** The key of the channel delta of a record that has no channel (a customer, an appointment, a payment). */
    static final String NO_CHANNEL = "none";

    private SkeletonTopology() {
    }

    /**
     * @param streamsSettings the Kafka Streams settings it runs with: given to the builder, so that
     *     {@code ensure.explicit.internal.resource.naming} (on in the engine's defaults) fails the build
     *     on any unnamed repartition or store, which a plain {@code new StreamsBuilder()} only logs
     */
    public static Topology build(Properties streamsSettings) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsSettings)));

        // hop 0, by fact id (the input partitioning): each fact's last version, then its records per identifier
        KStream<String, SkeletonEvent> facts = facts(builder, Names.CUSTOMERS, Fact.CUSTOMER, CUSTOMER_VERSIONS)
                .merge(facts(builder, Names.INTERACTIONS, Fact.INTERACTION, INTERACTION_VERSIONS),
                        Named.as(MERGE_FACTS + Names.INTERACTIONS))
                .merge(facts(builder, Names.APPOINTMENTS, Fact.APPOINTMENT, APPOINTMENT_VERSIONS),
                        Named.as(MERGE_FACTS + Names.APPOINTMENTS))
                .merge(facts(builder, Names.PAYMENTS, Fact.PAYMENT, PAYMENT_VERSIONS),
                        Named.as(MERGE_FACTS + Names.PAYMENTS));
        Map<String, KStream<String, SkeletonEvent>> routes = facts.split(Named.as(SPLIT))
                .branch((key, event) -> event.keyedByIdentifier(), Branched.as(TO_IDENTIFIER))
                .defaultBranch(Branched.as(TO_CUSTOMER));

        // hop 1, by identifier: who claims it; interactions go on keyed by that customer
        KStream<String, SkeletonEvent> linked = routes.get(SPLIT + TO_IDENTIFIER)
                .repartition(Repartitioned.with(Serdes.String(), SkeletonEvent.SERDE).withName(BY_IDENTIFIER))
                .process(SkeletonHops.identifiers(IDENTIFIER_OWNERS), Named.as(IDENTIFIERS));

        // hop 2, by customer: a count per customer; one update per record, one channel delta per record
        KStream<String, SkeletonHops.Counted> counted = routes.get(SPLIT + TO_CUSTOMER)
                .merge(linked, Named.as(MERGE_CUSTOMER))
                .repartition(Repartitioned.with(Serdes.String(), SkeletonEvent.SERDE).withName(BY_CUSTOMER))
                .process(SkeletonHops.customers(CUSTOMER_COUNTS), Named.as(CUSTOMERS));
        counted.mapValues(c -> Long.toString(c.count()), Named.as(UPDATE_VALUES))
                .to(UPDATES, Produced.with(Serdes.String(), Serdes.String()).withName(WRITE_UPDATES));

        // hop 3, by channel: a count per channel, written as the channel's total
        counted.map((customer, c) -> KeyValue.pair(c.channelKey(), 1L), Named.as(CHANNEL_DELTAS))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.Long()).withName(BY_CHANNEL))
                .process(SkeletonHops.channels(CHANNEL_COUNTS), Named.as(CHANNELS))
                .to(CHANNEL_TOTALS, Produced.with(Serdes.String(), Serdes.Long()).withName(WRITE_CHANNEL_TOTALS));
        return builder.build();
    }

    private static KStream<String, SkeletonEvent> facts(StreamsBuilder builder, String topic, Fact fact, String store) {
        return builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(READ + topic))
                .process(SkeletonHops.facts(fact, store), Named.as(FACTS + topic));
    }
}

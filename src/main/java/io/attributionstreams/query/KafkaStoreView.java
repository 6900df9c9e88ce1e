package io.attributionstreams.query;

import io.attributionstreams.attribution.CustomerAttributor;
import io.attributionstreams.attribution.CustomerFacts;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.attribution.OutcomeDigest;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.contract.TotalRecord;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.attribution.EmittedAnswer;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.outputs.TotalKind;
import io.attributionstreams.topology.outputs.TotalSums;
import io.attributionstreams.topology.touchpoints.CustomerFactsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link StoreView} over a running {@link KafkaStreams}: key metadata from
 * {@code queryMetadataForKey}, the instances' partitions from {@code streamsMetadataForStore}, and
 * reads of one partition at a time ({@code withPartition}), active only unless a standby is asked for.
 */
final class KafkaStoreView implements StoreView {
    private final KafkaStreams streams;
    private final CustomerAttributor attributor;
    /** The settings fingerprint the answers carry, as on the topic. */
    private final String settings;
    private final String self;
    /**
     * The topic whose partitions are the channel-totals store's, and the campaign-totals and month-totals
     * stores' (step 4 keeps all three in one task per partition): {@code <application.id>-by-channel-repartition}.
     */
    private final String channelTopic;
    private final String markovTopic;

    KafkaStoreView(KafkaStreams streams, String self, String applicationId, CustomerAttributor attributor,
            String settings) {
        this.settings = settings;
        this.streams = streams;
        this.attributor = attributor;
        this.self = self;
        this.channelTopic = Names.repartitionTopic(applicationId, Names.BY_CHANNEL);
        this.markovTopic = Names.repartitionTopic(applicationId, Names.BY_CONVERSION_TYPE);
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public KeyOwner ownerOf(String customerId) {
        // the customer stores are partitioned by the plain customer id (the by-customer topic's key)
        return owner(streams.queryMetadataForKey(Names.CUSTOMER_ANSWERS, customerId, Serdes.String().serializer()));
    }

    private static KeyOwner owner(KeyQueryMetadata metadata) {
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return KeyOwner.UNAVAILABLE;
        }
        return new KeyOwner(address(metadata.activeHost()),
                metadata.standbyHosts().stream().map(KafkaStoreView::address).collect(Collectors.toSet()),
                metadata.partition());
    }

    @Override
    public KeyOwner ownerOfCustomerFact(String customerId) {
        // step 1 keeps a customer's versions in the partition of the customers topic its key went to
        return owner(streams.queryMetadataForKey(Names.CUSTOMER_VERSIONS, customerId, Serdes.String().serializer()));
    }

    @Override
    public Optional<List<String>> customerPseudonyms(String customerId, int partition, boolean stale) {
        try {
            ReadOnlyKeyValueStore<String, Versioned<Customer>> versions = store(Names.CUSTOMER_VERSIONS, partition,
                    stale);
            Versioned<Customer> current = versions.get(customerId);
            if (current == null || current.fact() == null) {
                return Optional.empty();
            }
            List<String> pseudonyms = new ArrayList<>(current.fact().phones());
            pseudonyms.addAll(current.fact().emails());
            return Optional.of(pseudonyms);
        } catch (InvalidStateStoreException e) {
            throw notQueryable("customer-versions", partition, e);
        }
    }

    /**
     * Recomputed from the customer's facts with the engine's own code (the stores keep the facts and
     * a digest of each emitted answer, not the answer). Each record carries the version of the last
     * one emitted for its key; while a recompute waits for the customer's pace the answer is already
     * the new one and carries the version it will be emitted with, one more.
     */
    @Override
    public Optional<List<AttributionUpdate>> customerRecords(String customerId, int partition, boolean stale) {
        try {
            CustomerFactsReader customers = new CustomerFactsReader(store(Names.CUSTOMER_STATUS, partition, stale),
                    store(Names.CUSTOMER_TOUCHPOINTS, partition, stale),
                    store(Names.CUSTOMER_APPOINTMENTS, partition, stale),
                    store(Names.CUSTOMER_PAYMENTS, partition, stale));
            Optional<CustomerFacts> facts = customers.read(customerId);
            if (facts.isEmpty()) {
                return Optional.empty();
            }
            ReadOnlyKeyValueStore<String, EmittedAnswer> answers = store(Names.CUSTOMER_ANSWERS, partition, stale);
            List<AttributionUpdate> records = new ArrayList<>();
            for (Outcome outcome : attributor.attribute(facts.get())) {
                // an answer without touchpoints has no record on the topic
                if (outcome.attributed()) {
                    EmittedAnswer last = answers.get(EmittedAnswer.storeKey(customerId, outcome.type(),
                            outcome.model()));
                    long version = last == null ? 0 : last.version();
                    boolean emitted = last != null && OutcomeDigest.of(outcome).equals(last.digest());
                    records.add(AttributionUpdate.of(outcome, emitted ? version : version + 1, settings));
                }
            }
            return Optional.of(records);
        } catch (InvalidStateStoreException e) {
            throw notQueryable("customer", partition, e);
        }
    }

    @Override
    public Map<String, Set<Integer>> channelPartitions() {
        return activePartitions(Names.CHANNEL_TOTALS_STORE, channelTopic);
    }

    @Override
    public Map<String, Set<Integer>> markovPartitions() {
        return activePartitions(Names.MARKOV_ROWS, markovTopic);
    }

    /** Each instance with active partitions of {@code store}, read from {@code topic}, and those partitions. */
    private Map<String, Set<Integer>> activePartitions(String store, String topic) {
        Map<String, Set<Integer>> plan = new TreeMap<>();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(store)) {
            // active partitions only: an instance with a standby copy alone does not answer for them
            Set<Integer> active = instance.topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(topic))
                    .map(TopicPartition::partition)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!active.isEmpty()) {
                plan.put(address(instance.hostInfo()), active);
            }
        }
        return plan;
    }

    @Override
    public List<ChannelTotalRecord> localMarkov(Set<Integer> partitions) {
        List<ChannelTotalRecord> rows = new ArrayList<>();
        for (int partition : partitions) {
            try {
                ReadOnlyKeyValueStore<String, ChannelTotalRecord> store = store(Names.MARKOV_ROWS, partition, false);
                try (KeyValueIterator<String, ChannelTotalRecord> it = store.all()) {
                    it.forEachRemaining(kv -> rows.add(kv.value));
                }
            } catch (InvalidStateStoreException e) {
                throw notQueryable("markov-rows", partition, e);
            }
        }
        return rows;
    }

    @Override
    public List<ChannelTotalRecord> localChannels(Set<Integer> partitions) {
        return localTotals(TotalKind.CHANNEL, partitions, ChannelTotalRecord.class);
    }

    @Override
    public List<CampaignTotalRecord> localCampaigns(Set<Integer> partitions) {
        return localTotals(TotalKind.CAMPAIGN, partitions, CampaignTotalRecord.class);
    }

    @Override
    public List<MonthTotalRecord> localMonths(Set<Integer> partitions) {
        return localTotals(TotalKind.MONTH, partitions, MonthTotalRecord.class);
    }

    @Override
    public List<PathTotalRecord> localPaths(Set<Integer> partitions) {
        return localTotals(TotalKind.PATH, partitions, PathTotalRecord.class);
    }

    /**
     * The rows of these partitions of this instance's active store of one kind of totals, each as its topic
     * shows it: step 4 keeps the sums, and {@link TotalSums#record} makes the record, as it does for the topic.
     */
    private <R extends TotalRecord> List<R> localTotals(TotalKind kind, Set<Integer> partitions, Class<R> type) {
        List<R> totals = new ArrayList<>();
        for (int partition : partitions) {
            try {
                ReadOnlyKeyValueStore<String, ChannelTotal> store = store(kind.store(), partition, false);
                try (KeyValueIterator<String, ChannelTotal> it = store.all()) {
                    it.forEachRemaining(kv -> totals.add(type.cast(TotalSums.record(kind, kv.key, kv.value))));
                }
            } catch (InvalidStateStoreException e) {
                throw notQueryable(kind.store(), partition, e);
            }
        }
        return totals;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters = StoreQueryParameters
                .fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition);
        return streams.store(stale ? parameters.enableStaleStores() : parameters);
    }

    private static QueryProblem notQueryable(String what, int partition, InvalidStateStoreException e) {
        return QueryProblem.unavailable("the " + what + " store's partition " + partition
                + " is not queryable on this instance now (" + e.getClass().getSimpleName() + ")");
    }

    static String address(HostInfo host) {
        return host.host() + ':' + host.port();
    }
}

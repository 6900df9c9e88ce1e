package io.attributionstreams.query;

import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.PathTotalRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the query endpoints need from Kafka Streams: where a key lives, which partitions each
 * instance holds, and reads of this instance's own stores. {@link KafkaStoreView} is the real one;
 * unit tests use a fake. Reads throw {@link QueryProblem#unavailable} when a store is not queryable.
 */
public interface StoreView {
    /** This instance's {@code application.server}, {@code host:port}. */
    String self();

    /** Kafka Streams is RUNNING: not starting, not rebalancing, not stopped. */
    boolean running();

    /** A 503 unless Kafka Streams is RUNNING: its stores are not queryable while it starts, rebalances or restores. */
    default void requireRunning() {
        if (!running()) {
            throw QueryProblem.unavailable("the engine is not RUNNING (starting, rebalancing or restoring state)");
        }
    }

    /** Where the customer's partition of the customer stores is, now. */
    KeyOwner ownerOf(String customerId);

    /**
     * The customer's current attribution records from this instance's stores, or empty when no
     * such customer exists.
     *
     * @param stale true to read a standby copy (the owner is unreachable)
     */
    Optional<List<AttributionUpdate>> customerRecords(String customerId, int partition, boolean stale);

    /**
     * Where the customer's own fact is kept (the {@code customer-versions} store of step 1, partitioned
     * as the {@code customers} topic), now.
     */
    KeyOwner ownerOfCustomerFact(String customerId);

    /**
     * The pseudonyms of the phones and emails the customer's current fact names, from this instance's
     * {@code customer-versions} store; empty when the engine holds no such customer (never seen, or
     * deleted). Never a phone or an email: the store holds none.
     */
    Optional<List<String>> customerPseudonyms(String customerId, int partition, boolean stale);

    /** Each instance holding active channel-totals partitions, with those partitions. */
    Map<String, Set<Integer>> channelPartitions();

    /** The channel totals of these partitions of this instance's active {@code channel-totals} store. */
    List<ChannelTotalRecord> localChannels(Set<Integer> partitions);

    /**
     * The campaign totals of these partitions of this instance's active {@code campaign-totals} store. Step 4
     * keeps it in the same tasks as {@code channel-totals}: its partitions are {@link #channelPartitions()}.
     */
    List<CampaignTotalRecord> localCampaigns(Set<Integer> partitions);

    /**
     * The monthly totals of these partitions of this instance's active {@code month-totals} store, partitioned
     * as {@code channel-totals} ({@link #channelPartitions()}).
     */
    List<MonthTotalRecord> localMonths(Set<Integer> partitions);

    /**
     * The path totals of these partitions of this instance's active {@code path-totals} store, partitioned as
     * {@code channel-totals} ({@link #channelPartitions()}).
     */
    List<PathTotalRecord> localPaths(Set<Integer> partitions);

    /** Each instance holding active partitions of the markov rows (when markov runs), with those partitions. */
    default Map<String, Set<Integer>> markovPartitions() {
        return Map.of();
    }

    /** The markov rows of these partitions of this instance's active {@code markov-rows} store. */
    default List<ChannelTotalRecord> localMarkov(Set<Integer> partitions) {
        return List.of();
    }

    /**
     * The instance that owns a customer's partition and those with a standby copy of it.
     *
     * @param active {@code host:port}, or null while Kafka Streams does not know (not ready)
     */
    record KeyOwner(String active, Set<String> standbys, int partition) {
        public static final KeyOwner UNAVAILABLE = new KeyOwner(null, Set.of(), -1);

        public KeyOwner {
            standbys = Set.copyOf(standbys);
        }

        public boolean available() {
            return active != null;
        }
    }
}

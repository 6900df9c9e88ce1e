package io.attributionstreams.query;

import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.PathTotalRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link StoreView} in memory: which instance owns what, and what this instance's stores hold. */
final class FakeStores implements StoreView {
    final String self;
    boolean running = true;
    final Map<String, KeyOwner> owners = new HashMap<>();
    final Map<String, List<AttributionUpdate>> customers = new HashMap<>();
    final Map<String, KeyOwner> factOwners = new HashMap<>();
    final Map<String, List<String>> pseudonyms = new HashMap<>();
    final Map<String, Set<Integer>> channelPartitions = new LinkedHashMap<>();
    final Map<Integer, List<ChannelTotalRecord>> channels = new HashMap<>();
    /** The campaign and monthly totals, by partition: partitioned as the channel totals. */
    final Map<Integer, List<CampaignTotalRecord>> campaigns = new HashMap<>();
    final Map<Integer, List<MonthTotalRecord>> months = new HashMap<>();
    final Map<Integer, List<PathTotalRecord>> paths = new HashMap<>();
    /** The markov rows, by partition of their own, and which instance holds which. */
    final Map<String, Set<Integer>> markovPartitions = new LinkedHashMap<>();
    final Map<Integer, List<ChannelTotalRecord>> markov = new HashMap<>();
    final List<String> reads = Collections.synchronizedList(new ArrayList<>()); // read from the server's threads

    FakeStores(String self) {
        this.self = self;
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public KeyOwner ownerOf(String customerId) {
        return owners.getOrDefault(customerId, new KeyOwner(self, Set.of(), 0));
    }

    @Override
    public Optional<List<AttributionUpdate>> customerRecords(String customerId, int partition, boolean stale) {
        reads.add(customerId + (stale ? " stale" : " active"));
        return Optional.ofNullable(customers.get(customerId));
    }

    @Override
    public KeyOwner ownerOfCustomerFact(String customerId) {
        return factOwners.getOrDefault(customerId, new KeyOwner(self, Set.of(), 0));
    }

    @Override
    public Optional<List<String>> customerPseudonyms(String customerId, int partition, boolean stale) {
        reads.add(customerId + " identifiers");
        return Optional.ofNullable(pseudonyms.get(customerId));
    }

    @Override
    public Map<String, Set<Integer>> channelPartitions() {
        return channelPartitions;
    }

    @Override
    public List<ChannelTotalRecord> localChannels(Set<Integer> partitions) {
        return rowsOf(channels, partitions);
    }

    @Override
    public List<CampaignTotalRecord> localCampaigns(Set<Integer> partitions) {
        return rowsOf(campaigns, partitions);
    }

    @Override
    public List<MonthTotalRecord> localMonths(Set<Integer> partitions) {
        return rowsOf(months, partitions);
    }

    @Override
    public List<PathTotalRecord> localPaths(Set<Integer> partitions) {
        return rowsOf(paths, partitions);
    }

    @Override
    public Map<String, Set<Integer>> markovPartitions() {
        return markovPartitions;
    }

    @Override
    public List<ChannelTotalRecord> localMarkov(Set<Integer> partitions) {
        return rowsOf(markov, partitions);
    }

    private static <R> List<R> rowsOf(Map<Integer, List<R>> byPartition, Set<Integer> partitions) {
        List<R> all = new ArrayList<>();
        partitions.forEach(p -> all.addAll(byPartition.getOrDefault(p, List.of())));
        return all;
    }
}

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link FakeStores} whose reads wait at a gate until the test opens it: slow queries, each holding
 * its query thread, for as long as a test needs them to. The test knows how many wait from {@link #waiting()}.
 */
final class GatedStores implements StoreView {
    private final FakeStores stores;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger waiting = new AtomicInteger();

    GatedStores(FakeStores stores) {
        this.stores = stores;
    }

    /** Reads now waiting at the gate. */
    int waiting() {
        return waiting.get();
    }

    /** Lets every waiting read and every later one through. */
    void open() {
        gate.countDown();
    }

    private void pass() {
        waiting.incrementAndGet();
        try {
            // bounded, so that a failing test cannot leave query threads blocked for ever
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gate was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    @Override
    public String self() {
        return stores.self();
    }

    @Override
    public boolean running() {
        return stores.running();
    }

    @Override
    public KeyOwner ownerOf(String customerId) {
        return stores.ownerOf(customerId);
    }

    @Override
    public Optional<List<AttributionUpdate>> customerRecords(String customerId, int partition, boolean stale) {
        pass();
        return stores.customerRecords(customerId, partition, stale);
    }

    @Override
    public KeyOwner ownerOfCustomerFact(String customerId) {
        return stores.ownerOfCustomerFact(customerId);
    }

    @Override
    public Optional<List<String>> customerPseudonyms(String customerId, int partition, boolean stale) {
        pass();
        return stores.customerPseudonyms(customerId, partition, stale);
    }

    @Override
    public Map<String, Set<Integer>> channelPartitions() {
        return stores.channelPartitions();
    }

    @Override
    public List<ChannelTotalRecord> localChannels(Set<Integer> partitions) {
        pass();
        return stores.localChannels(partitions);
    }

    @Override
    public List<CampaignTotalRecord> localCampaigns(Set<Integer> partitions) {
        pass();
        return stores.localCampaigns(partitions);
    }

    @Override
    public List<MonthTotalRecord> localMonths(Set<Integer> partitions) {
        pass();
        return stores.localMonths(partitions);
    }

    @Override
    public List<PathTotalRecord> localPaths(Set<Integer> partitions) {
        pass();
        return stores.localPaths(partitions);
    }
}

package io.attributionstreams.export;

import io.attributionstreams.broker.KafkaClients;
import io.attributionstreams.topology.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's deferred work, one watched changelog per store of {@link Names#DEFERRED_WORK_STORES}:
 * fan-outs still under way (an interaction on a number with many claimants), recomputes waiting for
 * their pace, totals' deltas not yet sent on, erasure scans. While any store holds a key, an update is still to come.
 */
final class DeferredWork implements AutoCloseable {
    private final List<String> stores;
    private final List<PendingKeys> changelogs;

    private DeferredWork(List<String> stores, List<PendingKeys> changelogs) {
        this.stores = stores;
        this.changelogs = changelogs;
    }

    /** The changelogs of these stores of the application (the engine's: {@link Names#DEFERRED_WORK_STORES}). */
    static DeferredWork watch(KafkaClients clients, String applicationId, List<String> stores) {
        List<PendingKeys> changelogs = new ArrayList<>();
        try {
            for (String store : stores) {
                changelogs.add(PendingKeys.watch(clients, applicationId, store));
            }
        } catch (RuntimeException e) {
            changelogs.forEach(PendingKeys::close);
            throw e;
        }
        return new DeferredWork(List.copyOf(stores), changelogs);
    }

    /** The stores holding work now, read to their ends; empty when nothing waits. */
    List<String> pending() {
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            if (changelogs.get(i).any()) {
                busy.add(stores.get(i));
            }
        }
        return busy;
    }

    @Override
    public void close() {
        changelogs.forEach(PendingKeys::close);
    }
}

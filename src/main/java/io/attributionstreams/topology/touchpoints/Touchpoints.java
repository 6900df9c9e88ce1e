package io.attributionstreams.topology.touchpoints;

import io.attributionstreams.topology.events.GraphEvent;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/** Step 3a: the touchpoints processor and the customer stores it writes. */
public final class Touchpoints {
    private Touchpoints() {
    }

    /** @param erased whether a customer id is erased (docs/contract.md §11): its rows are then forgotten */
    public static ProcessorSupplier<String, GraphEvent, String, CustomerChange> processor(Predicate<String> erased) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, GraphEvent, String, CustomerChange> get() {
                return new TouchpointsProcessor(erased);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(CustomerStores.STATUS, CustomerStores.TOUCHPOINTS, CustomerStores.APPOINTMENTS,
                        CustomerStores.PAYMENTS);
            }
        };
    }
}

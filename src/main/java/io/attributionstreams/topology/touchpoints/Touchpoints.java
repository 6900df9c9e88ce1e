package io.attributionstreams.topology.touchpoints;

import io.attributionstreams.topology.events.GraphEvent;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/** Step 3a: the touchpoints processor and the customer stores it writes. */
public final class Touchpoints {
    private Touchpoints() {
    }

    public static ProcessorSupplier<String, GraphEvent, String, CustomerChange> processor() {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, GraphEvent, String, CustomerChange> get() {
                return new TouchpointsProcessor();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(CustomerStores.STATUS, CustomerStores.TOUCHPOINTS, CustomerStores.APPOINTMENTS,
                        CustomerStores.PAYMENTS);
            }
        };
    }
}

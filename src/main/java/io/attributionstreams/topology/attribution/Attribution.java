package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.CustomerAttributor;
import io.attributionstreams.topology.touchpoints.CustomerStores;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/** Step 3b: the attribution processor, reading the customer stores and owning the answers. */
public final class Attribution {
    private Attribution() {
    }

    public static ProcessorSupplier<String, String, String, AnswerChange> processor(CustomerAttributor attributor,
            AttributionEvents events) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, String, String, AnswerChange> get() {
                return new AttributeProcessor(attributor, events);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(CustomerStores.STATUS, CustomerStores.TOUCHPOINTS, CustomerStores.APPOINTMENTS,
                        CustomerStores.PAYMENTS, CustomerStores.ANSWERS);
            }
        };
    }
}

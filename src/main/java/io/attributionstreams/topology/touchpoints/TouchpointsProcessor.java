package io.attributionstreams.topology.touchpoints;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.GraphEvent.Link;
import io.attributionstreams.topology.events.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Step 3a, by customer id: keeps the customer's facts. Touchpoints count their links (a
 * touchpoint stays while any identifier still links it) and keep the payload of the highest
 * revision; appointments and payments keep the highest revision seen, present or retracted, so
 * an old event arriving late changes nothing. When anything changed, the customer goes on to the
 * attribution step with what kind of change it was.
 *
 * <p>A customer whose id is erased (docs/contract.md §11) keeps no row under its id: its deletion and
 * retractions remove rows instead of marking them, since it can never come back (step 1 drops its facts).
 */
final class TouchpointsProcessor implements Processor<String, GraphEvent, String, CustomerChange> {
    private final Predicate<String> erased;
    private ProcessorContext<String, CustomerChange> context;
    private KeyValueStore<String, CustomerStatus> status;
    private KeyValueStore<String, TouchpointLinks> touchpoints;
    private KeyValueStore<String, Versioned<Appointment>> appointments;
    private KeyValueStore<String, Versioned<Payment>> payments;

    TouchpointsProcessor(Predicate<String> erased) {
        this.erased = erased;
    }

    @Override
    public void init(ProcessorContext<String, CustomerChange> context) {
        this.context = context;
        this.status = context.getStateStore(Names.CUSTOMER_STATUS);
        this.touchpoints = context.getStateStore(Names.CUSTOMER_TOUCHPOINTS);
        this.appointments = context.getStateStore(Names.CUSTOMER_APPOINTMENTS);
        this.payments = context.getStateStore(Names.CUSTOMER_PAYMENTS);
    }

    @Override
    public void process(Record<String, GraphEvent> record) {
        String customerId = record.key();
        GraphEvent event = record.value();
        boolean changed = switch (event.kind()) {
            case STATUS -> status(customerId, event.exists(), event.revision());
            case LINK -> link(customerId, event.via(), event.links());
            case UNLINK -> unlink(customerId, event.via(), event.links());
            case APPOINTMENT -> latest(appointments, customerId, event.factId(), event.appointment(), event.revision());
            case PAYMENT -> latest(payments, customerId, event.factId(), event.payment(), event.revision());
            default -> throw new IllegalStateException("not a customer event: " + event.kind());
        };
        if (changed) {
            context.forward(record.withValue(switch (event.kind()) {
                case STATUS -> CustomerChange.EXISTENCE;
                case LINK, UNLINK -> CustomerChange.TOUCHPOINTS;
                default -> CustomerChange.CONVERSION_FACTS;
            }));
        }
    }

    private boolean status(String customerId, boolean exists, long revision) {
        CustomerStatus known = status.get(customerId);
        if (known != null && known.revision() >= revision) {
            return false;
        }
        if (!exists && erased.test(customerId)) {
            status.delete(customerId);
            forgetRetracted(appointments, customerId);
            forgetRetracted(payments, customerId);
            // on to the attribute step, which forgets the marks of the answers it kept, too
            return known != null;
        }
        status.put(customerId, new CustomerStatus(exists, revision));
        return known == null ? exists : known.exists() != exists;
    }

    private boolean link(String customerId, String via, List<Link> links) {
        boolean changed = false;
        for (Link link : links) {
            String key = Names.compositeKey(customerId, link.interactionId());
            TouchpointLinks known = touchpoints.get(key);
            if (known == null) {
                touchpoints.put(key, new TouchpointLinks(link.interaction(), link.revision(), List.of(via)));
                changed = true;
                continue;
            }
            boolean newer = link.revision() > known.revision();
            boolean newVia = !known.vias().contains(via);
            if (newer || newVia) {
                List<String> vias = new ArrayList<>(known.vias());
                if (newVia) {
                    vias.add(via);
                }
                touchpoints.put(key, newer ? new TouchpointLinks(link.interaction(), link.revision(), vias)
                        : new TouchpointLinks(known.interaction(), known.revision(), vias));
                changed |= newer && !link.interaction().equals(known.interaction());
            }
        }
        return changed;
    }

    private boolean unlink(String customerId, String via, List<Link> links) {
        boolean changed = false;
        for (Link link : links) {
            String key = Names.compositeKey(customerId, link.interactionId());
            TouchpointLinks known = touchpoints.get(key);
            if (known == null || !known.vias().contains(via)) {
                continue;
            }
            List<String> vias = new ArrayList<>(known.vias());
            vias.remove(via);
            if (vias.isEmpty()) {
                touchpoints.delete(key);
                changed = true;
            } else {
                touchpoints.put(key, new TouchpointLinks(known.interaction(), known.revision(), vias));
            }
        }
        return changed;
    }

    /** Removes the retracted appointments or payments kept under an erased customer's id. */
    private static <F> void forgetRetracted(KeyValueStore<String, Versioned<F>> store, String customerId) {
        List<String> retracted = new ArrayList<>();
        try (KeyValueIterator<String, Versioned<F>> rows = store.prefixScan(Names.prefixOf(customerId),
                Serdes.String().serializer())) {
            rows.forEachRemaining(row -> {
                if (row.value.fact() == null) {
                    retracted.add(row.key);
                }
            });
        }
        retracted.forEach(store::delete);
    }

    /** Keeps the highest revision of a fact, present or retracted; true when what counts changed. */
    private <F> boolean latest(KeyValueStore<String, Versioned<F>> store, String customerId, String factId,
            F fact, long revision) {
        String key = Names.compositeKey(customerId, factId);
        Versioned<F> known = store.get(key);
        if (known != null && known.revision() >= revision) {
            return false;
        }
        if (fact == null && erased.test(customerId)) {
            store.delete(key);
            return known != null && known.fact() != null;
        }
        store.put(key, new Versioned<>(fact, revision));
        return !Objects.equals(known == null ? null : known.fact(), fact);
    }
}

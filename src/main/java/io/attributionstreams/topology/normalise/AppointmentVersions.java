package io.attributionstreams.topology.normalise;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.privacy.ErasedFacts;
import io.attributionstreams.topology.erasure.Erasure;
import io.attributionstreams.normalise.RawAppointment;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Keyed;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.ArrayList;
import java.util.List;

/** Appointments: to their customer; one that moves is also retracted from the customer it left. */
final class AppointmentVersions extends FactVersions<RawAppointment, Appointment> {
    private final FactNormaliser normaliser;

    AppointmentVersions(String storeName, FactNormaliser normaliser, Runnable arrived, Erasure erasure) {
        super(storeName, "appointment_id", JsonSerde.of(RawAppointment.class), arrived, erasure);
        this.normaliser = normaliser;
    }

    @Override
    Appointment normalise(RawAppointment raw) {
        return normaliser.appointment(raw);
    }

    @Override
    String rawId(RawAppointment raw) {
        return raw.appointmentId();
    }

    @Override
    Appointment erased(ErasedFacts facts, Appointment fact) {
        return facts.appointment(fact);
    }

    @Override
    String idOf(Appointment fact) {
        return fact.appointmentId();
    }

    @Override
    List<Keyed<GraphEvent>> changes(String id, Appointment before, Appointment after, long revision) {
        List<Keyed<GraphEvent>> events = new ArrayList<>(2);
        if (before != null && (after == null || !before.customerId().equals(after.customerId()))) {
            events.add(new Keyed<>(before.customerId(), GraphEvent.appointment(before.customerId(), id, null, revision)));
        }
        if (after != null) {
            events.add(new Keyed<>(after.customerId(), GraphEvent.appointment(after.customerId(), id, after, revision)));
        }
        return events;
    }
}

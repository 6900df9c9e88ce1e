package io.attributionstreams.attribution;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import java.util.Collection;

/**
 * Everything one customer's attribution depends on, and nothing more: its touchpoints (the
 * interactions that reach it through any identifier), its appointments and its payments.
 */
public record CustomerFacts(
        String customerId,
        Collection<Interaction> touchpoints,
        Collection<Appointment> appointments,
        Collection<Payment> payments) {
}

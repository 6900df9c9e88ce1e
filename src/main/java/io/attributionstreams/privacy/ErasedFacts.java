package io.attributionstreams.privacy;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.Payment;
import java.util.List;

/**
 * A normalised fact kept from before an erasure, filtered against the suppressed subjects: what the
 * normaliser would have made of it had the suppression been in place when it arrived (docs/contract.md
 * §11). Each method returns the same instance when nothing in the fact is suppressed, a copy without the
 * suppressed values when some are, and null when the fact is left with nothing but suppressed subjects
 * (the normaliser would have dropped it). Pure: asks {@link Subjects}, counts nothing.
 */
public final class ErasedFacts {
    /**
     * Which subjects are suppressed, asked with the values as a stored fact holds them: a customer id as
     * it is, phones and emails in the form the normaliser gave them (their pseudonyms, in the streaming
     * engine, which are the very keys the suppression list keeps).
     */
    public interface Subjects {
        boolean customer(String customerId);

        boolean phone(String storedPhone);

        boolean email(String storedEmail);
    }

    private final Subjects suppressed;

    public ErasedFacts(Subjects suppressed) {
        this.suppressed = suppressed;
    }

    /** Whether a customer id is suppressed. */
    public boolean customerErased(String customerId) {
        return suppressed.customer(customerId);
    }

    /** Null when its customer id is suppressed; otherwise without its suppressed phones and emails. */
    public Customer customer(Customer customer) {
        if (suppressed.customer(customer.customerId())) {
            return null;
        }
        List<String> phones = customer.phones().stream().filter(p -> !suppressed.phone(p)).toList();
        List<String> emails = customer.emails().stream().filter(e -> !suppressed.email(e)).toList();
        if (phones.size() == customer.phones().size() && emails.size() == customer.emails().size()) {
            return customer;
        }
        return new Customer(customer.customerId(), phones, emails);
    }

    /** Without its suppressed identifiers; null when it carries no identifier that is not suppressed. */
    public Interaction interaction(Interaction interaction) {
        String phone = interaction.phone() != null && suppressed.phone(interaction.phone()) ? null
                : interaction.phone();
        String email = interaction.email() != null && suppressed.email(interaction.email()) ? null
                : interaction.email();
        String customerId = interaction.customerId() != null && suppressed.customer(interaction.customerId()) ? null
                : interaction.customerId();
        if (phone == null && email == null && customerId == null) {
            return null;
        }
        if (phone == interaction.phone() && email == interaction.email() && customerId == interaction.customerId()) {
            return interaction;
        }
        return new Interaction(interaction.interactionId(), interaction.type(), interaction.occurredAt(),
                interaction.channel(), interaction.campaign(), phone, email, customerId);
    }

    /** Null when its customer id is suppressed. */
    public Appointment appointment(Appointment appointment) {
        return suppressed.customer(appointment.customerId()) ? null : appointment;
    }

    /** Null when its customer id is suppressed. */
    public Payment payment(Payment payment) {
        return suppressed.customer(payment.customerId()) ? null : payment;
    }
}

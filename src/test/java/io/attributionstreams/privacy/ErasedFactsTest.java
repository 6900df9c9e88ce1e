package io.attributionstreams.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import io.attributionstreams.facts.Payment;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A kept fact filtered against the suppressed subjects: what the normaliser would have made of it. */
class ErasedFactsTest {
    private static final Instant AT = Instant.parse("2025-01-05T10:00:00Z");

    private static ErasedFacts suppressing(Set<String> customers, Set<String> phones, Set<String> emails) {
        return new ErasedFacts(new ErasedFacts.Subjects() {
            @Override
            public boolean customer(String customerId) {
                return customers.contains(customerId);
            }

            @Override
            public boolean phone(String storedPhone) {
                return phones.contains(storedPhone);
            }

            @Override
            public boolean email(String storedEmail) {
                return emails.contains(storedEmail);
            }
        });
    }

    private static final ErasedFacts ERASING = suppressing(Set.of("C1"), Set.of("p1"), Set.of("e1"));

    private static Interaction interaction(String phone, String email, String customerId) {
        return new Interaction("I1", InteractionType.CALL, AT, "radio", "spring", phone, email, customerId);
    }

    @Test
    void aCustomerErasedByIdIsDroppedAndOtherwiseLosesOnlyItsSuppressedValuesInOrder() {
        assertThat(ERASING.customer(new Customer("C1", List.of("p2"), List.of()))).isNull();
        Customer c2 = new Customer("C2", List.of("p2", "p1", "p3"), List.of("e1", "e2"));
        assertThat(ERASING.customer(c2)).isEqualTo(new Customer("C2", List.of("p2", "p3"), List.of("e2")));
        Customer untouched = new Customer("C3", List.of("p2"), List.of("e2"));
        assertThat(ERASING.customer(untouched)).isSameAs(untouched);
        assertThat(ERASING.customerErased("C1")).isTrue();
        assertThat(ERASING.customerErased("C2")).isFalse();
    }

    @Test
    void anInteractionLosesItsSuppressedIdentifiersAndIsDroppedWhenNoneIsLeft() {
        assertThat(ERASING.interaction(interaction("p1", "e2", "C1"))).isEqualTo(interaction(null, "e2", null));
        assertThat(ERASING.interaction(interaction("p1", "e1", "C1"))).isNull();
        assertThat(ERASING.interaction(interaction("p1", null, null))).isNull();
        assertThat(ERASING.interaction(interaction(null, null, "C1"))).isNull();
        assertThat(ERASING.interaction(interaction("p2", "e1", null))).isEqualTo(interaction("p2", null, null));
        Interaction untouched = interaction("p2", "e2", "C2");
        assertThat(ERASING.interaction(untouched)).isSameAs(untouched);
    }

    @Test
    void appointmentsAndPaymentsGoWithTheirCustomer() {
        Appointment a1 = new Appointment("A1", "C1", AT, null);
        Appointment a2 = new Appointment("A2", "C2", AT, AT);
        Payment p1 = new Payment("P1", "C1", AT, 100);
        Payment p2 = new Payment("P2", "C2", AT, 100);
        assertThat(ERASING.appointment(a1)).isNull();
        assertThat(ERASING.appointment(a2)).isSameAs(a2);
        assertThat(ERASING.payment(p1)).isNull();
        assertThat(ERASING.payment(p2)).isSameAs(p2);
    }

    @Test
    void withNothingSuppressedEveryFactIsItself() {
        ErasedFacts none = suppressing(Set.of(), Set.of(), Set.of());
        Customer c = new Customer("C1", List.of("p1"), List.of("e1"));
        Interaction i = interaction("p1", "e1", "C1");
        assertThat(none.customer(c)).isSameAs(c);
        assertThat(none.interaction(i)).isSameAs(i);
    }
}

package io.attributionstreams.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.identity.BlockedIdentifiers;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.normalise.NormalisationCounters;
import io.attributionstreams.normalise.RawAppointment;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.normalise.SuppressedFactException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md §10 and §11 in the normaliser: a blocked value is invalid, a suppressed one is
 * absent, and a fact left with nothing but suppressed subjects is dropped (counted) before any
 * other check, never rejected.
 */
class SuppressionTest {
    private static final Pseudonyms KEY = Pseudonyms.withKey(
            "an-erasure-test-key-of-32-chars!".getBytes(StandardCharsets.UTF_8));
    private static final String T = "2025-03-05T11:00:00Z";

    private int suppressedFacts;
    private int blockedValues;
    private int invalidPhones;
    private FactNormaliser normaliser;
    private Suppression suppression;

    @BeforeEach
    void setUp() {
        suppression = Suppression.builder(KEY).customer("GE").phone("+14155550198").email("erase.me@example.com")
                .build();
        NormalisationCounters counters = new NormalisationCounters() {
            @Override
            public void invalidPhone() {
                invalidPhones++;
            }

            @Override
            public void invalidEmail() {
            }

            @Override
            public void blockedIdentifier() {
                blockedValues++;
            }

            @Override
            public void suppressedFact() {
                suppressedFacts++;
            }
        };
        normaliser = new FactNormaliser("US", ZoneOffset.UTC, "USD", counters,
                BlockedIdentifiers.of(Set.of("+10000000001"), Set.of("test@test.com")), suppression);
    }

    private static RawInteraction interaction(String occurredAt, String phone, String email, String customerId) {
        return new RawInteraction("I1", "call", occurredAt, "radio", null, phone, email, customerId);
    }

    @Test
    void keepsOnlyPseudonyms() {
        assertThat(suppression.size()).isEqualTo(3);
        assertThat(suppression.pseudonyms()).allMatch(p -> p.matches("[A-Za-z0-9_-]{43}"))
                .noneMatch(p -> p.contains("GE") && p.length() < 43);
        assertThat(suppression.customerSuppressed("GE")).isTrue();
        assertThat(suppression.customerSuppressed("G1")).isFalse();
        assertThat(suppression.phoneSuppressed("+14155550198")).isTrue();
        assertThat(suppression.emailSuppressed("erase.me@example.com")).isTrue();
        assertThat(suppression.emailSuppressed("other@example.com")).isFalse();
    }

    @Test
    void aCustomerWithASuppressedIdIsDroppedNotRejected() {
        assertThatThrownBy(() -> normaliser.customer(new RawCustomer(" GE ", List.of("(415) 555-0198"), List.of())))
                .isInstanceOf(SuppressedFactException.class).hasMessageNotContaining("GE");
        // dropped before any other check: five phones would otherwise be a reject
        assertThatThrownBy(() -> normaliser.customer(new RawCustomer("GE", List.of("1", "2", "3", "4", "5"), List.of())))
                .isInstanceOf(SuppressedFactException.class);
        assertThat(suppressedFacts).isEqualTo(2);
    }

    @Test
    void aCustomersSuppressedAndBlockedValuesAreAbsent() {
        Customer c = normaliser.customer(new RawCustomer("C1", List.of("(415) 555-0198", "201-555-0123", "+1 000 000 0001"),
                List.of("ERASE.ME@example.com", "c1@example.com")));
        Customer d = normaliser.customer(new RawCustomer("C2", List.of(), List.of("test@test.com", "c2@example.com")));

        assertThat(c.phones()).containsExactly("+12015550123");
        assertThat(c.emails()).containsExactly("c1@example.com");
        assertThat(d.emails()).containsExactly("c2@example.com");
        assertThat(suppressedFacts).isZero();
        assertThat(blockedValues).isEqualTo(1); // +1 000 000 0001 is no valid number: invalid, not blocked
        assertThat(invalidPhones).isEqualTo(1);
    }

    @Test
    void anAppointmentOrPaymentOfASuppressedCustomerIsDropped() {
        assertThatThrownBy(() -> normaliser.appointment(new RawAppointment("A1", "GE", "not a time", null)))
                .isInstanceOf(SuppressedFactException.class);
        assertThatThrownBy(() -> normaliser.payment(new RawPayment("P1", "GE", T, "55.00", "EUR")))
                .isInstanceOf(SuppressedFactException.class);
        assertThat(suppressedFacts).isEqualTo(2);
        assertThat(normaliser.payment(new RawPayment("P2", "G1", T, "1.00", "USD")).customerId()).isEqualTo("G1");
    }

    @Test
    void anInteractionWithOnlySuppressedIdentifiersIsDroppedBeforeValidation() {
        for (RawInteraction raw : List.of(
                interaction(T, "4155550198", null, null),
                interaction(T, "(415) 555-0198", "erase.me@example.com", "GE"),
                interaction("2025-13-01", null, "Erase.Me@example.com", null), // a bad time too: still dropped
                interaction(T, "not a phone", "erase.me@example.com", null), // an invalid phone is no identifier
                interaction(T, null, "test@test.com", "GE"))) { // nor is a blocked email
            assertThatThrownBy(() -> normaliser.interaction(raw)).as(raw.toString())
                    .isInstanceOf(SuppressedFactException.class);
        }
        assertThat(suppressedFacts).isEqualTo(5);
    }

    @Test
    void anInteractionKeepsItsOtherIdentifiers() {
        Interaction i = normaliser.interaction(interaction(T, "(415) 555-0198", "ann@example.com", "GE"));

        assertThat(i.phone()).isNull();
        assertThat(i.customerId()).isNull();
        assertThat(i.email()).isEqualTo("ann@example.com");
        assertThat(suppressedFacts).isZero();
    }

    @Test
    void anInteractionWithOnlyABlockedValueIsRejectedAsBefore() {
        assertThatThrownBy(() -> normaliser.interaction(interaction(T, null, "TEST@test.com", null)))
                .isInstanceOf(RejectedFactException.class).hasMessage("no usable identifier");
        assertThat(blockedValues).isEqualTo(1);
        assertThat(suppressedFacts).isZero();
    }
}

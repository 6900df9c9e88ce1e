package io.attributionstreams.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import io.attributionstreams.facts.Payment;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/contract.md §2: raw facts to normalised facts, and the exact reject reasons. */
class FactNormaliserTest {
    private static final String T = "2025-01-03 14:05";
    private static final Instant AT = Instant.parse("2025-01-03T14:05:00Z");

    private Counting counters;
    private FactNormaliser normaliser;

    @BeforeEach
    void setUp() {
        counters = new Counting();
        normaliser = new FactNormaliser("US", ZoneId.of("UTC"), "USD", counters);
    }

    // ---- interactions ----

    @Test
    void aFullInteractionIsTrimmedAndNormalised() {
        Interaction got = normaliser.interaction(new RawInteraction(
                " i-1 ", " Call ", " " + T + " ", "  Google Ads ", " Spring SALE ",
                "(201) 555-0123", "  Ann@Example.COM ", " c-1 "));
        assertThat(got).isEqualTo(new Interaction(
                "i-1", InteractionType.CALL, AT, "Google Ads", "Spring SALE", "+12015550123", "ann@example.com", "c-1"));
        assertThat(got.type().label()).isEqualTo("call");
        assertThat(counters.invalidPhones).isZero();
        assertThat(counters.invalidEmails).isZero();
    }

    @ParameterizedTest(name = "[{index}] type ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CALL      | CALL  | call
            call      | CALL  | call
            ' Call '  | CALL  | call
            email     | EMAIL | email
            Form      | FORM  | form
            SMS       | SMS   | sms
            chat      | CHAT  | chat
            VISIT     | VISIT | visit
            """)
    void typeIsCaseInsensitive(String rawType, InteractionType expected, String label) {
        Interaction got = normaliser.interaction(interaction("i-1", rawType, T, "web", null, null, null, "c-1"));
        assertThat(got.type()).isEqualTo(expected);
        assertThat(got.type().label()).isEqualTo(label);
    }

    @ParameterizedTest(name = "[{index}] {8}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # id    | type  | occurred_at | channel | campaign | phone          | email            | customer_id | reason
            i-1     | call  | 2025-01-03  | web     | NULL     | 555-0123       | NULL             | NULL        | no usable identifier
            i-1     | call  | 2025-01-03  | web     | NULL     | NULL           | dave@example     | NULL        | no usable identifier
            i-1     | call  | 2025-01-03  | web     | NULL     | 555-0123       | dave@example     | '  '        | no usable identifier
            i-1     | call  | 2025-01-03  | web     | NULL     | NULL           | NULL             | NULL        | no usable identifier
            i-1     | fax   | 2025-01-03  | web     | NULL     | NULL           | NULL             | c-1         | unknown type 'fax'
            i-1     | ' Fax '| 2025-01-03 | web     | NULL     | NULL           | NULL             | c-1         | unknown type 'Fax'
            i-1     | NULL  | 2025-01-03  | web     | NULL     | NULL           | NULL             | c-1         | missing type
            i-1     | call  | 2025-01-03  | NULL    | NULL     | NULL           | NULL             | c-1         | missing channel
            i-1     | call  | 2025-01-03  | '   '   | NULL     | NULL           | NULL             | c-1         | missing channel
            NULL    | call  | 2025-01-03  | web     | NULL     | NULL           | NULL             | c-1         | missing interaction_id
            ' '     | call  | 2025-01-03  | web     | NULL     | NULL           | NULL             | c-1         | missing interaction_id
            i-1     | call  | NULL        | web     | NULL     | NULL           | NULL             | c-1         | missing occurred_at
            i-1     | call  | yesterday   | web     | NULL     | NULL           | NULL             | c-1         | unparseable time 'yesterday'
            i-1     | call  | 02/30/2025  | web     | NULL     | (201) 555-0123 | NULL             | NULL        | unparseable time '02/30/2025'
            """)
    void interactionRejects(String id, String type, String occurredAt, String channel, String campaign,
            String phone, String email, String customerId, String reason) {
        assertThat(reasonOf(() -> normaliser.interaction(
                interaction(id, type, occurredAt, channel, campaign, phone, email, customerId))))
                .isEqualTo(reason);
    }

    @Test
    void anInteractionWithOnlyAnInvalidPhoneIsRejectedAndThePhoneCounted() {
        assertThat(reasonOf(() -> normaliser.interaction(
                interaction("i-1", "call", T, "web", null, "555-0123", null, null))))
                .isEqualTo("no usable identifier");
        assertThat(counters.invalidPhones).isEqualTo(1);
        assertThat(counters.invalidEmails).isZero();
    }

    @Test
    void invalidIdentifiersAreDroppedAndCountedWithoutFailingTheInteraction() {
        Interaction got = normaliser.interaction(
                interaction("i-2", "sms", T, "Facebook", "", "(123) 456-7890", "@example.com", "c-9"));
        assertThat(got).isEqualTo(new Interaction("i-2", InteractionType.SMS, AT, "Facebook", null, null, null, "c-9"));
        assertThat(counters.invalidPhones).isEqualTo(1);
        assertThat(counters.invalidEmails).isEqualTo(1);
    }

    @Test
    void blankPhoneAndEmailAreAbsentNotInvalid() {
        Interaction got = normaliser.interaction(interaction("i-3", "form", T, "web", "  ", " ", "", "c-1"));
        assertThat(got).isEqualTo(new Interaction("i-3", InteractionType.FORM, AT, "web", null, null, null, "c-1"));
        assertThat(counters.invalidPhones).isZero();
        assertThat(counters.invalidEmails).isZero();
    }

    // ---- customers ----

    @Test
    void aCustomerKeepsEachValidIdentifierOnceAndCountsTheInvalidOnes() {
        Customer got = normaliser.customer(new RawCustomer(" c-1 ",
                Arrays.asList("(201) 555-0123", "+1 201.555.0123", "555-0123", "  "),
                Arrays.asList("Ann@Example.com", " ann@example.COM ")));
        assertThat(got).isEqualTo(new Customer("c-1", List.of("+12015550123"), List.of("ann@example.com")));
        assertThat(counters.invalidPhones).isEqualTo(1);
        assertThat(counters.invalidEmails).isZero();
    }

    @Test
    void aCustomerKeepsValidPhonesInTheirOrder() {
        Customer got = normaliser.customer(new RawCustomer("c-2",
                List.of("646.555.3890 x12", "201-555-0123", "+44 20 7946 0958", "1-800-FLOWERS"),
                Arrays.asList("bad@nodot", null)));
        assertThat(got).isEqualTo(new Customer("c-2",
                List.of("+16465553890", "+12015550123", "+442079460958", "+18003569377"), List.of()));
        assertThat(counters.invalidPhones).isZero();
        assertThat(counters.invalidEmails).isEqualTo(1);
    }

    @Test
    void aCustomerWithoutListsHasNoPhonesOrEmails() {
        assertThat(normaliser.customer(new RawCustomer("c-3", null, null)))
                .isEqualTo(new Customer("c-3", List.of(), List.of()));
    }

    @Test
    void customerRejects() {
        assertThat(reasonOf(() -> normaliser.customer(new RawCustomer("c-1",
                List.of("201-555-0123", "201-555-0124", "201-555-0125", "201-555-0126", "201-555-0127"), List.of()))))
                .isEqualTo("more than 4 phones");
        assertThat(reasonOf(() -> normaliser.customer(new RawCustomer("c-1",
                List.of(), List.of("a@x.com", "b@x.com", "c@x.com")))))
                .isEqualTo("more than 2 emails");
        assertThat(reasonOf(() -> normaliser.customer(new RawCustomer("  ", List.of("201-555-0123"), List.of()))))
                .isEqualTo("missing customer_id");
    }

    // ---- appointments ----

    @Test
    void anAppointmentWithoutAttendanceHasNullAttendedAt() {
        assertThat(normaliser.appointment(new RawAppointment(" a-1 ", " c-1 ", "1/3/2025 2:05 PM", " ")))
                .isEqualTo(new Appointment("a-1", "c-1", AT, null));
        assertThat(normaliser.appointment(new RawAppointment("a-1", "c-1", T, "2025-01-04T09:00:00Z")))
                .isEqualTo(new Appointment("a-1", "c-1", AT, Instant.parse("2025-01-04T09:00:00Z")));
    }

    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL  | c-1   | 2025-01-03  | NULL     | missing appointment_id
            a-1   | NULL  | 2025-01-03  | NULL     | missing customer_id
            a-1   | c-1   | NULL        | NULL     | missing booked_at
            a-1   | c-1   | 2025-01-03  | tomorrow | unparseable time 'tomorrow'
            """)
    void appointmentRejects(String id, String customerId, String bookedAt, String attendedAt, String reason) {
        assertThat(reasonOf(() -> normaliser.appointment(new RawAppointment(id, customerId, bookedAt, attendedAt))))
                .isEqualTo(reason);
    }

    // ---- payments ----

    @Test
    void aPaymentIsHeldInCents() {
        assertThat(normaliser.payment(new RawPayment(" p-1 ", " c-1 ", T, " -9.99 ", "usd")))
                .isEqualTo(new Payment("p-1", "c-1", AT, -999));
        assertThat(normaliser.payment(new RawPayment("p-2", "c-1", "1735913100", "100.00", "USD")))
                .isEqualTo(new Payment("p-2", "c-1", AT, 10000));
    }

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            p-1   | c-1   | 2025-01-03  | 25.00   | EUR   | currency EUR is not USD
            p-1   | c-1   | 2025-01-03  | 25.00   | NULL  | missing currency
            p-1   | c-1   | 2025-01-03  | NULL    | USD   | missing amount
            p-1   | c-1   | 2025-01-03  | 12.345  | USD   | amount '12.345' has more than 2 decimals
            p-1   | c-1   | 2025-01-03  | abc     | USD   | unparseable amount 'abc'
            p-1   | c-1   | NULL        | 25.00   | USD   | missing paid_at
            p-1   | c-1   | 13/01/2025  | 25.00   | USD   | unparseable time '13/01/2025'
            p-1   | NULL  | 2025-01-03  | 25.00   | USD   | missing customer_id
            NULL  | c-1   | 2025-01-03  | 25.00   | USD   | missing payment_id
            """)
    void paymentRejects(String id, String customerId, String paidAt, String amount, String currency, String reason) {
        assertThat(reasonOf(() -> normaliser.payment(new RawPayment(id, customerId, paidAt, amount, currency))))
                .isEqualTo(reason);
    }

    // ---- helpers ----

    private static RawInteraction interaction(String id, String type, String occurredAt, String channel,
            String campaign, String phone, String email, String customerId) {
        return new RawInteraction(id, type, occurredAt, channel, campaign, phone, email, customerId);
    }

    private static String reasonOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(RejectedFactException.class);
        return ((RejectedFactException) thrown).reason();
    }

    /** Counts what the normaliser reports. */
    private static final class Counting implements NormalisationCounters {
        int invalidPhones;
        int invalidEmails;

        @Override
        public void invalidPhone() {
            invalidPhones++;
        }

        @Override
        public void invalidEmail() {
            invalidEmails++;
        }
    }
}

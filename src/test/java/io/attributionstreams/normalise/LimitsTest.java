package io.attributionstreams.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/contract.md §9 in the normaliser: text sizes, control characters, the range of amounts and times. */
class LimitsTest {
    private final FactNormaliser normaliser = new FactNormaliser("US", ZoneOffset.UTC, "USD", NormalisationCounters.NONE);

    private static RawInteraction interaction(String id, String channel, String campaign, String phone, String email,
            String customerId) {
        return new RawInteraction(id, "call", "2025-01-03T10:00:00Z", channel, campaign, phone, email, customerId);
    }

    private String reason(Runnable normalise) {
        return catchThrowableOfType(RejectedFactException.class, normalise::run).reason();
    }

    @Test
    void namesOf256CodePointsAreAcceptedAnd257Rejected() {
        String id256 = "I".repeat(256);
        // a surrogate pair is one code point but two chars: 256 of them is still 256 characters
        String emoji256 = "🔥".repeat(256);
        Interaction ok = normaliser.interaction(interaction(id256, emoji256, emoji256, null, null, "C".repeat(256)));
        assertThat(ok.interactionId()).hasSize(256);
        assertThat(ok.channel().codePointCount(0, ok.channel().length())).isEqualTo(256);

        assertThat(reason(() -> normaliser.interaction(interaction(id256 + "I", "tv", null, null, null, "C1"))))
                .isEqualTo("interaction_id longer than 256 characters");
        assertThat(reason(() -> normaliser.interaction(interaction("I1", emoji256 + "x", null, null, null, "C1"))))
                .isEqualTo("channel longer than 256 characters");
        assertThat(reason(() -> normaliser.interaction(interaction("I1", "tv", "c".repeat(257), null, null, "C1"))))
                .isEqualTo("campaign longer than 256 characters");
        assertThat(reason(() -> normaliser.interaction(interaction("I1", "tv", null, null, null, "C".repeat(257)))))
                .isEqualTo("customer_id longer than 256 characters");
        assertThat(reason(() -> normaliser.customer(new RawCustomer("C".repeat(257), List.of(), List.of()))))
                .isEqualTo("customer_id longer than 256 characters");
        assertThat(reason(() -> normaliser.payment(new RawPayment("P".repeat(257), "C1", "2025-01-01", "1.00", "USD"))))
                .isEqualTo("payment_id longer than 256 characters");
        assertThat(reason(() -> normaliser.appointment(new RawAppointment("A1", "C".repeat(300), "2025-01-01", null))))
                .isEqualTo("customer_id longer than 256 characters");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x01, 0x07, 0x1F, 0x7F, 0x80, 0x9F})
    void aControlCharacterInAnyNameOrIdentifierRejectsTheFact(int code) {
        String c = String.valueOf((char) code);
        assertThat(reason(() -> normaliser.interaction(interaction("I" + c + "1", "tv", null, null, null, "C1"))))
                .isEqualTo("control character in interaction_id");
        assertThat(reason(() -> normaliser.interaction(interaction("I1", "t" + c + "v", null, null, null, "C1"))))
                .isEqualTo("control character in channel");
        assertThat(reason(() -> normaliser.interaction(interaction("I1", "tv", "spring" + c + "x", null, null, "C1"))))
                .isEqualTo("control character in campaign");
        assertThat(reason(() -> normaliser.interaction(interaction("I1", "tv", null, "201-555" + c + "-0123", null,
                null)))).isEqualTo("control character in phone");
        assertThat(reason(() -> normaliser.interaction(interaction("I1", "tv", null, null, "a" + c + "b@example.com",
                "C1")))).isEqualTo("control character in email");
        assertThat(reason(() -> normaliser.interaction(interaction("I1", "tv", null, null, null, "C" + c + "1"))))
                .isEqualTo("control character in customer_id");
        assertThat(reason(() -> normaliser.customer(new RawCustomer("C1", List.of("2015550123", "x" + c + "1"), List.of()))))
                .isEqualTo("control character in phone");
        assertThat(reason(() -> normaliser.customer(new RawCustomer("C1", List.of(), List.of("a" + c + "@b.com")))))
                .isEqualTo("control character in email");
        assertThat(reason(() -> normaliser.payment(new RawPayment("P1", "C" + c + "1", "2025-01-01", "1.00", "USD"))))
                .isEqualTo("control character in customer_id");
    }

    @Test
    void whitespaceAroundAValueIsTrimmedBeforeTheControlCheck() {
        Interaction trimmed = normaliser.interaction(interaction(" I1\t", "tv\r\n", null, null, null, "C1"));
        assertThat(trimmed.interactionId()).isEqualTo("I1");
        assertThat(trimmed.channel()).isEqualTo("tv");
    }

    @Test
    void overLongPhonesAndEmailsAreInvalidNotRejected() {
        String phone65 = "+1 (201) 555-0123" + "-".repeat(48);
        assertThat(phone65).hasSize(65);
        String phone64 = phone65.substring(1);
        String email255 = "x".repeat(243) + "@example.com";
        assertThat(email255).hasSize(255);
        String email254 = email255.substring(1);

        Customer customer = normaliser.customer(new RawCustomer("C1", List.of(phone65, phone64), List.of(email255,
                email254)));
        assertThat(customer.phones()).containsExactly("+12015550123");
        assertThat(customer.emails()).containsExactly(email254);
        assertThat(reason(() -> normaliser.interaction(interaction("I1", "tv", null, phone65, email255, null))))
                .isEqualTo("no usable identifier");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            10000000000000.00    | 1000000000000000
            -10000000000000      | -1000000000000000
            0000000000000009.99  | 999
            """)
    void amountsUpToTenTrillionAreAccepted(String amount, long cents) {
        assertThat(normaliser.payment(new RawPayment("P1", "C1", "2025-01-01", amount, "USD")).amountCents())
                .isEqualTo(cents);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"10000000000000.01", "-10000000000000.01", "99999999999999999999", "1e3x"})
    void amountsBeyondTenTrillionAreOutOfRange(String amount) {
        String reason = reason(() -> normaliser.payment(new RawPayment("P1", "C1", "2025-01-01", amount, "USD")));
        assertThat(reason).isEqualTo(amount.contains("e") ? "unparseable amount '1e3x'" : "amount out of range");
    }

    @Test
    void aMillionDigitAmountIsOutOfRangeAtOnce() {
        String huge = "9".repeat(1_000_000) + ".00";
        assertThat(reason(() -> normaliser.payment(new RawPayment("P1", "C1", "2025-01-01", huge, "USD"))))
                .isEqualTo("amount out of range");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1900-01-01T00:00:00Z | 1900-01-01T00:00:00Z
            2999-12-31T23:59:59Z | 2999-12-31T23:59:59Z
            1/1/1900             | 1900-01-01T00:00:00Z
            """)
    void timesFrom1900UpTo3000AreAccepted(String value, Instant expected) {
        assertThat(new Times(ZoneOffset.UTC).parse(value, "occurred_at")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1899-12-31T23:59:59Z", "3000-01-01T00:00:00Z", "3000-01-01", "12/31/1899 11:59 PM",
        "9999-12-31T23:59:59Z", "1900-01-01T00:00:00+00:01"})
    void timesOutsideTheRangeAreRejectedNamingTheField(String value) {
        assertThat(reason(() -> new Times(ZoneOffset.UTC).parse(value, "paid_at"))).isEqualTo("paid_at out of range");
    }

    @Test
    void aReasonQuotesAtMost200CharactersOfABadValueAndNoControlCharacter() {
        String bad = "\u0007" + "y".repeat(900_000);
        String reason = reason(() -> normaliser.interaction(new RawInteraction("I1", bad, "2025-01-01", "tv", null, null,
                null, "C1")));
        assertThat(reason).startsWith("unknown type '\\u0007yyy").endsWith("…'").hasSizeLessThan(230);
        assertThat(Text.hasControlCharacter(reason)).isFalse();
        assertThat(reason(() -> new Times(ZoneOffset.UTC).parse("x".repeat(5_000), "booked_at")))
                .hasSize("unparseable time ''".length() + 200 + 1);
        Function<String, String> currency = code -> reason(() -> normaliser.payment(new RawPayment("P1", "C1",
                "2025-01-01", "1.00", code)));
        assertThat(currency.apply("EUR")).isEqualTo("currency EUR is not USD");
        assertThat(currency.apply("E".repeat(1_000))).hasSizeLessThan(230);
    }
}

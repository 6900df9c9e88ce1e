package io.attributionstreams.attribution;

import static io.attributionstreams.testsupport.Facts.appointment;
import static io.attributionstreams.testsupport.Facts.day;
import static io.attributionstreams.testsupport.Facts.payment;
import static io.attributionstreams.testsupport.Facts.touch;
import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.conversion.ConversionType;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/contract.md §4 and §6: when a customer converts, which touchpoints earn, what R is. */
class ConversionRulesTest {
    private final CustomerAttributor attributor = new CustomerAttributor(AttributionSettings.defaults());

    private Map<ConversionType, Outcome> byType(CustomerFacts facts) {
        return attributor.attribute(facts).stream()
                .collect(java.util.stream.Collectors.toMap(Outcome::type, o -> o));
    }

    @Test
    void touchpointAtTheConversionTimeEarnsAndLaterOnesDoNot() {
        Map<ConversionType, Outcome> outcomes = byType(new CustomerFacts("C1",
                List.of(touch("AT", day(5), "x"), touch("AFTER", day(6), "y")),
                List.of(appointment("A1", day(5), null)), List.of()));

        assertThat(outcomes.get(ConversionType.FIRST_BOOKED).touchpoints())
                .extracting(CreditedTouchpoint::interactionId).containsExactly("AT");
        assertThat(outcomes).doesNotContainKeys(ConversionType.FIRST_ATTENDED, ConversionType.FIRST_PAID);
        assertThat(outcomes.get(ConversionType.FIRST_CONTACT).touchpoints()).hasSize(2);
    }

    @Test
    void earliestPositivePaymentConvertsButRevenueCountsEveryPayment() {
        Map<ConversionType, Outcome> outcomes = byType(new CustomerFacts("C1",
                List.of(touch("I1", day(1), "x"), touch("I2", day(3), "y")), List.of(),
                List.of(payment("REFUND", day(2), -500), payment("P1", day(4), 10_000),
                        payment("LATER", day(40), 2_500))));

        Outcome paid = outcomes.get(ConversionType.FIRST_PAID);
        assertThat(paid.conversionAt()).isEqualTo(day(4));
        assertThat(paid.revenueCents()).isEqualTo(BigInteger.valueOf(12_000));
        assertThat(paid.touchpoints()).extracting(t -> t.revenueCents().longValueExact()).containsExactly(6_000L, 6_000L);
    }

    @Test
    void earliestAttendedAppointmentIsTheAttendanceConversion() {
        Map<ConversionType, Outcome> outcomes = byType(new CustomerFacts("C1",
                List.of(touch("I1", day(1), "x"), touch("I2", day(8), "y")),
                List.of(appointment("A1", day(2), null), appointment("A2", day(3), day(9)),
                        appointment("A3", day(4), day(10))), List.of()));

        assertThat(outcomes.get(ConversionType.FIRST_BOOKED).conversionAt()).isEqualTo(day(2));
        assertThat(outcomes.get(ConversionType.FIRST_ATTENDED).conversionAt()).isEqualTo(day(9));
        assertThat(outcomes.get(ConversionType.FIRST_ATTENDED).touchpoints()).hasSize(2);
    }

    @Test
    void noTouchpointMeansNoFirstContactAndUnattributedRevenueElsewhere() {
        Map<ConversionType, Outcome> outcomes = byType(new CustomerFacts("C1", List.of(), List.of(),
                List.of(payment("P1", day(4), 4_200))));

        assertThat(outcomes).containsOnlyKeys(ConversionType.FIRST_PAID);
        Outcome paid = outcomes.get(ConversionType.FIRST_PAID);
        assertThat(paid.attributed()).isFalse();
        assertThat(ChannelTotals.contribution(paid)).containsExactly(Map.entry(
                new ChannelKey(ConversionType.FIRST_PAID, "daily_split", ChannelKey.UNATTRIBUTED),
                new ChannelTotal(java.math.BigDecimal.ZERO, BigInteger.valueOf(4_200), 0, 1)));
    }

    @Test
    void onlyRefundsNeverConvertToPaid() {
        assertThat(byType(new CustomerFacts("C1", List.of(touch("I1", day(1), "x")), List.of(),
                List.of(payment("R", day(2), -100)))).keySet()).containsExactly(ConversionType.FIRST_CONTACT);
    }

    @Test
    void negativeRevenueIsSplitByTheSameRule() {
        Map<ConversionType, Outcome> outcomes = byType(new CustomerFacts("C1",
                List.of(touch("A", day(1), "x"), touch("B", day(2), "y"), touch("C", day(3), "z")), List.of(),
                List.of(payment("R", day(5), -1_000))));

        // -333.33 each: floors -334, rests 2/3; two cents back to the first two
        assertThat(outcomes.get(ConversionType.FIRST_CONTACT).touchpoints())
                .extracting(t -> t.revenueCents().longValueExact()).containsExactly(-333L, -333L, -334L);
    }

    @Test
    void factOrderDoesNotMatter() {
        List<io.attributionstreams.facts.Interaction> tps =
                List.of(touch("A", day(1), "x"), touch("B", day(2), "y"), touch("C", day(2), "z"));
        CustomerFacts forward = new CustomerFacts("C1", tps, List.of(), List.of(payment("P", day(9), 1_001)));
        CustomerFacts backward = new CustomerFacts("C1", new java.util.ArrayList<>(java.util.List.of(tps.get(2), tps.get(1), tps.get(0))), List.of(),
                List.of(payment("P", day(9), 1_001)));

        assertThat(attributor.attribute(backward)).isEqualTo(attributor.attribute(forward));
    }
}

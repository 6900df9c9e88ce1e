package io.attributionstreams.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.credit.Fraction;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.revenue.LargestRemainder;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/contract.md §5, §6 and §9: time decay without underflow, sums exact at any size. */
class LimitsOfArithmeticTest {
    private static final Instant PAID = Instant.parse("2090-01-01T00:00:00Z");

    private static Interaction touch(String id, Instant at) {
        return new Interaction(id, InteractionType.CALL, at, "tv", null, null, null, "C1");
    }

    private static Payment payment(String id, long cents) {
        return new Payment(id, "C1", PAID, cents);
    }

    private static Outcome paid(String model, List<Interaction> touchpoints, List<Payment> payments) {
        AttributionSettings settings = AttributionSettings.defaults().withTypes(List.of(ConversionType.FIRST_PAID))
                .withModels(CreditModels.named(List.of(model))).withHalfLife(Duration.ofDays(3));
        List<Outcome> outcomes = new CustomerAttributor(settings).attribute(new CustomerFacts("C1", touchpoints,
                List.of(), payments));
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    @Test
    void timeDecayOnTouchpointsALifetimeBeforeTheConversionDoesNotUnderflow() {
        // 140 years before the payment at a 3-day half-life: 2^-17000 from the conversion, 0 in a double
        Instant old = Instant.parse("1950-01-01T00:00:00Z");
        Outcome outcome = paid("time_decay", List.of(touch("A", old), touch("B", old.plus(Duration.ofDays(3)))),
                List.of(payment("P", 1_000)));

        // measured from the latest touchpoint: weights 1/2 and 1, so credits 1/3 and 2/3
        assertThat(outcome.touchpoints()).extracting(t -> t.credit().doubleValue())
                .containsExactly(1.0 / 3, 2.0 / 3);
        assertThat(outcome.touchpoints()).extracting(t -> t.revenueCents().longValueExact()).containsExactly(333L, 667L);
    }

    @Test
    void aTouchpointTooOldToWeighAnythingEarnsNothingButTheOthersStillDo() {
        Instant recent = Instant.parse("2089-12-31T00:00:00Z");
        Outcome outcome = paid("time_decay", List.of(touch("OLD", Instant.parse("1901-01-01T00:00:00Z")),
                touch("NEW", recent)), List.of(payment("P", 500)));
        assertThat(outcome.touchpoints()).extracting(CreditedTouchpoint::interactionId).containsExactly("NEW");
        assertThat(outcome.touchpoints().get(0).revenueCents()).isEqualTo(BigInteger.valueOf(500));
    }

    @Test
    void revenueIsExactPastTwoToTheSixtyThreeCents() {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            payments.add(payment("P" + i, 999_999_999_999_901L)); // 9,999,999,999,999.01
        }
        Outcome outcome = paid("linear", List.of(touch("A", PAID.minusSeconds(60)), touch("B", PAID.minusSeconds(30)),
                touch("C", PAID)), payments);

        BigInteger total = BigInteger.valueOf(999_999_999_999_901L).multiply(BigInteger.valueOf(10_000));
        assertThat(total.bitLength()).isGreaterThan(63);
        assertThat(outcome.revenueCents()).isEqualTo(total);
        // a third each; the cents left over go to the first (largest remainder, ties by touchpoint order)
        BigInteger[] thirds = total.divideAndRemainder(BigInteger.valueOf(3));
        BigInteger third = thirds[0];
        int over = thirds[1].intValueExact();
        assertThat(outcome.touchpoints()).extracting(CreditedTouchpoint::revenueCents).containsExactly(
                third.add(BigInteger.valueOf(over > 0 ? 1 : 0)), third.add(BigInteger.valueOf(over > 1 ? 1 : 0)), third);
    }

    @Test
    void refundsBringASumBackBelowTheOverflowExactly() {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            payments.add(payment("P" + i, Long.MAX_VALUE / 4));
        }
        for (int i = 0; i < 9; i++) {
            payments.add(payment("R" + i, -(Long.MAX_VALUE / 4)));
        }
        assertThat(CustomerAttributor.revenue(payments)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE / 4));
    }

    @Test
    void largestRemainderOfAHugeTotalSumsToItExactly() {
        BigInteger total = BigInteger.TEN.pow(25).add(BigInteger.ONE); // two cents over three exact thirds
        BigInteger[] cents = LargestRemainder.allocate(List.of(Fraction.of(1, 3), Fraction.of(1, 3), Fraction.of(1, 3)),
                total);
        assertThat(cents[0].add(cents[1]).add(cents[2])).isEqualTo(total);
        assertThat(cents[0]).isEqualTo(cents[1]).isEqualTo(cents[2].add(BigInteger.ONE));
    }
}

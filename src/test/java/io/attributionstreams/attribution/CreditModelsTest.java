package io.attributionstreams.attribution;

import static io.attributionstreams.testsupport.Facts.day;
import static io.attributionstreams.testsupport.Facts.payment;
import static io.attributionstreams.testsupport.Facts.touch;
import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.facts.Interaction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-worked examples for each model (docs/contract.md §5), through the per-customer core. */
class CreditModelsTest {
    private static final MathContext TWELVE = new MathContext(12);

    private static Outcome paid(String model, List<Interaction> touchpoints, long revenueCents) {
        return paid(AttributionSettings.defaults().withModels(CreditModels.named(List.of(model))), touchpoints,
                revenueCents);
    }

    private static Outcome paid(AttributionSettings settings, List<Interaction> touchpoints, long revenueCents) {
        List<Outcome> outcomes = new CustomerAttributor(settings.withTypes(List.of(ConversionType.FIRST_PAID)))
                .attribute(new CustomerFacts("C1", touchpoints, List.of(), List.of(payment("P1", day(30), revenueCents))));
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    private static List<Interaction> touchpoints(int n) {
        List<Interaction> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(touch("I" + i, day(i), "ch" + i));
        }
        return list;
    }

    private static List<String> credits(Outcome outcome) {
        return outcome.touchpoints().stream().map(t -> t.credit().round(TWELVE).stripTrailingZeros().toPlainString())
                .toList();
    }

    private static List<Long> cents(Outcome outcome) {
        return outcome.touchpoints().stream().map(t -> t.revenueCents().longValueExact()).toList();
    }

    @ParameterizedTest(name = "position_based with {0} touchpoints")
    @CsvSource(delimiter = ';', value = {
        "1; 1; 10000",
        "2; 0.5 0.5; 5000 5000",
        "3; 0.4 0.2 0.4; 4000 2000 4000",
        "5; 0.4 0.0666666666667 0.0666666666667 0.0666666666667 0.4; 4000 667 667 666 4000",
    })
    void positionBasedIsUShaped(int n, String expectedCredits, String expectedCents) {
        Outcome outcome = paid("position_based", touchpoints(n), 10_000);

        assertThat(credits(outcome)).containsExactly(expectedCredits.split(" "));
        assertThat(cents(outcome)).containsExactlyElementsOf(
                java.util.Arrays.stream(expectedCents.split(" ")).map(Long::valueOf).toList());
    }

    @Test
    void timeDecayHalvesPerHalfLife() {
        // 14, 7 and 0 days before the conversion with a 7-day half-life: weights 1/4, 1/2, 1 -> 1/7, 2/7, 4/7
        List<Interaction> tps = List.of(touch("A", day(16), "x"), touch("B", day(23), "y"), touch("C", day(30), "z"));
        Outcome outcome = paid(AttributionSettings.defaults()
                .withModels(CreditModels.named(List.of("time_decay"))).withHalfLife(Duration.ofDays(7)), tps, 10_000);

        assertThat(credits(outcome)).containsExactly("0.142857142857", "0.285714285714", "0.571428571429");
        // 1428.57 + 2857.14 + 5714.29 cents: floors 1428, 2857, 5714 and the missing cent to the largest rest (.571)
        assertThat(cents(outcome)).containsExactly(1429L, 2857L, 5714L);
    }

    @Test
    void timeDecayForFirstContactDecaysFromTheLatestTouchpoint() {
        AttributionSettings settings = AttributionSettings.defaults()
                .withModels(CreditModels.named(List.of("time_decay"))).withHalfLife(Duration.ofDays(1))
                .withTypes(List.of(ConversionType.FIRST_CONTACT));
        List<Outcome> outcomes = new CustomerAttributor(settings).attribute(new CustomerFacts("C1",
                List.of(touch("A", day(0), "x"), touch("B", day(1), "y")), List.of(), List.of()));

        assertThat(credits(outcomes.get(0))).containsExactly("0.333333333333", "0.666666666667");
    }

    @Test
    void lookbackCutsTheOldTouchpoint() {
        // conversion at day 30, lookback 20 days: the touchpoint at day 0 earns nothing, day 10 is exactly on the edge
        List<Interaction> tps = List.of(touch("OLD", day(0), "x"), touch("EDGE", day(10), "y"), touch("NEW", day(25), "z"));
        Outcome outcome = paid(AttributionSettings.defaults().withLookback(Duration.ofDays(20)), tps, 10_000);

        assertThat(outcome.touchpoints()).extracting(CreditedTouchpoint::interactionId).containsExactly("EDGE", "NEW");
        assertThat(credits(outcome)).containsExactly("0.5", "0.5");
    }

    @Test
    void lookbackDoesNotApplyToFirstContact() {
        AttributionSettings settings = AttributionSettings.defaults().withLookback(Duration.ofDays(1))
                .withTypes(List.of(ConversionType.FIRST_CONTACT));
        List<Outcome> outcomes = new CustomerAttributor(settings).attribute(new CustomerFacts("C1",
                List.of(touch("A", day(0), "x"), touch("B", day(100), "y")), List.of(), List.of()));

        assertThat(outcomes.get(0).touchpoints()).hasSize(2);
    }

    @Test
    void dailySplitSharesEachDayEqually() {
        // two touchpoints on day 1 and one on day 2: 1/4, 1/4, 1/2
        List<Interaction> tps = List.of(touch("A", day(1.1), "x"), touch("B", day(1.5), "y"), touch("C", day(2.2), "z"));
        Outcome outcome = paid("daily_split", tps, 999);

        assertThat(credits(outcome)).containsExactly("0.25", "0.25", "0.5");
        // 249.75, 249.75, 499.5: floors 249, 249, 499 and the two missing cents to the largest rests (.75, .75)
        assertThat(cents(outcome)).containsExactly(250L, 250L, 499L);
    }

    @Test
    void dailySplitUsesCalendarDaysInTheBusinessZone() {
        // 2025-03-02T03:00Z and 2025-03-01T22:00Z are different days in UTC but the same day in New York
        List<Interaction> tps = List.of(touch("A", java.time.Instant.parse("2025-03-01T22:00:00Z"), "x"),
                touch("B", java.time.Instant.parse("2025-03-02T03:00:00Z"), "y"),
                touch("C", java.time.Instant.parse("2025-03-03T15:00:00Z"), "z"));

        assertThat(credits(paid("daily_split", tps, 100))).containsExactly("0.333333333333", "0.333333333333",
                "0.333333333333");
        assertThat(credits(paid(AttributionSettings.defaults().withZone(java.time.ZoneId.of("America/New_York")),
                tps, 100))).containsExactly("0.25", "0.25", "0.5");
    }

    @Test
    void firstAndLastTouchBreakTiesByInteractionId() {
        List<Interaction> tps = List.of(touch("B", day(1), "x"), touch("A", day(1), "y"), touch("D", day(2), "z"),
                touch("C", day(2), "w"));

        assertThat(paid("first_touch", tps, 100).touchpoints()).extracting(CreditedTouchpoint::interactionId)
                .containsExactly("A");
        assertThat(paid("last_touch", tps, 100).touchpoints()).extracting(CreditedTouchpoint::interactionId)
                .containsExactly("D");
    }

    @Test
    void linearIsEqualShares() {
        Outcome outcome = paid("linear", touchpoints(3), 100);

        assertThat(credits(outcome)).containsExactly("0.333333333333", "0.333333333333", "0.333333333333");
        assertThat(cents(outcome)).containsExactly(34L, 33L, 33L);
        assertThat(outcome.touchpoints().stream().map(CreditedTouchpoint::credit).reduce(BigDecimal.ZERO,
                BigDecimal::add).subtract(BigDecimal.ONE).abs()).isLessThan(new BigDecimal("1e-30"));
    }
}

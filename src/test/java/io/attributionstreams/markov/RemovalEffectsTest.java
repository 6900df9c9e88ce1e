package io.attributionstreams.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.attributionstreams.conversion.ConversionType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** docs/contract.md §14: the worked example, and what must hold for any paths. */
class RemovalEffectsTest {

    private static Journey path(String channels, boolean converted, long cents) {
        return Journey.of(ConversionType.FIRST_PAID, Arrays.asList(channels.split(" ")), converted,
                BigInteger.valueOf(cents));
    }

    private static PathCounts counts(List<Journey> journeys) {
        PathCounts counts = new PathCounts();
        journeys.forEach(counts::add);
        return counts;
    }

    @Test
    void theContractsWorkedExample() {
        // three customers on a>b who converted and one who did not, one on a>c who converted and one who did not;
        // one of the converting a>b paths touches a twice (collapsed in the chain, counted as touchpoints)
        List<Journey> journeys = List.of(path("a a b", true, 100_00), path("a b", true, 100_00),
                path("a b", true, 100_00), path("a b", false, 0), path("a c", true, 100_01), path("a c", false, 0));

        List<MarkovChannel> rows = RemovalEffects.solve(counts(journeys));

        assertThat(rows).extracting(MarkovChannel::channel).containsExactly("a", "b", "c");
        assertThat(rows.get(0).removalEffect()).isCloseTo(1.0, within(1e-15));
        assertThat(rows.get(1).removalEffect()).isCloseTo(0.75, within(1e-15));
        assertThat(rows.get(2).removalEffect()).isCloseTo(0.25, within(1e-15));
        assertThat(rows).extracting(r -> r.credit().doubleValue()).containsExactly(2.0, 1.5, 0.5);
        // 400.01 split 1/2, 3/8, 1/8: 200.005, 150.00375, 50.00125 -> the dropped half cent goes to a
        assertThat(rows).extracting(MarkovChannel::revenueCents).containsExactly(BigInteger.valueOf(200_01),
                BigInteger.valueOf(150_00), BigInteger.valueOf(50_00));
        assertThat(rows).extracting(MarkovChannel::touchpoints).containsExactly(5L, 3L, 1L);
    }

    @Test
    void nothingConvertedGivesNoRows() {
        assertThat(RemovalEffects.solve(counts(List.of(path("a b", false, 0), path("c", false, 0))))).isEmpty();
        assertThat(RemovalEffects.solve(new PathCounts())).isEmpty();
    }

    @Test
    void aConversionWithNoTouchpointMakesEveryRemovalEffectZero() {
        // (start) > (conversion) only: no channel is on the way, so none has an effect
        Journey direct = Journey.of(ConversionType.FIRST_PAID, List.of(), true, BigInteger.TEN);
        assertThat(RemovalEffects.solve(counts(List.of(direct, path("a", false, 0))))).isEmpty();
    }

    @Test
    void aChannelOnlyOnPathsThatDoNotConvertStillCountsThroughTheChain() {
        // x>a never converts, but x leads to a, which does: removing x lowers P
        List<MarkovChannel> rows = RemovalEffects.solve(counts(List.of(path("a", true, 500), path("x a", false, 0))));
        assertThat(rows).extracting(MarkovChannel::channel).containsExactly("a", "x");
        assertThat(rows.get(1).removalEffect()).isGreaterThan(0);
        assertThat(rows.get(1).touchpoints()).isZero();
    }

    @Property(tries = 300)
    void effectsLieInZeroToOneAndSharesAddUpToTheConversions(@ForAll("seeds") @LongRange(min = 1) long seed,
            @ForAll @IntRange(min = 1, max = 60) int customers) {
        List<Journey> journeys = randomJourneys(new Random(seed), customers);
        PathCounts counts = counts(journeys);

        List<MarkovChannel> rows = RemovalEffects.solve(counts);

        if (rows.isEmpty()) {
            return;
        }
        double credit = 0;
        BigInteger revenue = BigInteger.ZERO;
        for (MarkovChannel row : rows) {
            assertThat(row.removalEffect()).isBetween(0.0, 1.0);
            assertThat(row.credit().signum()).isPositive();
            credit += row.credit().doubleValue();
            revenue = revenue.add(row.revenueCents());
        }
        assertThat(credit).isCloseTo(counts.conversions(), within(1e-9 * counts.conversions()));
        assertThat(revenue).isEqualTo(counts.revenueCents());
    }

    @Property(tries = 200)
    void countsKeptByDeltasSolveToTheSameBits(@ForAll @LongRange(min = 1) long seed) {
        Random random = new Random(seed);
        List<Journey> finals = randomJourneys(random, 1 + random.nextInt(40));
        // kept by deltas, as the topology keeps them: earlier journeys come and go, in any order
        PathCounts deltas = new PathCounts();
        List<Journey> earlier = randomJourneys(random, finals.size());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < finals.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        for (int i : order) {
            deltas.add(earlier.get(i));
        }
        Collections.shuffle(order, random);
        for (int i : order) {
            deltas.remove(earlier.get(i));
            deltas.add(finals.get(i));
        }

        assertThat(RemovalEffects.solve(deltas)).isEqualTo(RemovalEffects.solve(counts(finals)));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs().between(1, Long.MAX_VALUE);
    }

    private static List<Journey> randomJourneys(Random random, int customers) {
        String[] channels = {"a", "b", "c", "d", "e"};
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            List<String> path = new ArrayList<>();
            int length = random.nextInt(6);
            for (int k = 0; k < length; k++) {
                path.add(channels[random.nextInt(channels.length)]);
            }
            boolean converted = random.nextInt(3) > 0 || path.isEmpty();
            journeys.add(Journey.of(ConversionType.FIRST_PAID, path, converted,
                    BigInteger.valueOf(random.nextInt(1_000_000) - 100_000)));
        }
        return journeys;
    }

    @Test
    void aChainOverTheChannelLimitHasNoRowsRatherThanStallingTheEngine() {
        List<Journey> journeys = new ArrayList<>();
        for (int c = 0; c <= RemovalEffects.MAX_CHANNELS; c++) {
            journeys.add(path("ch" + c, true, 100));
        }
        assertThat(RemovalEffects.solve(counts(journeys))).isEmpty();
        journeys.remove(journeys.size() - 1);
        assertThat(RemovalEffects.solve(counts(journeys))).hasSize(RemovalEffects.MAX_CHANNELS);
    }

    @Test
    void creditIsWrittenFromTheDoubleItIs() {
        List<MarkovChannel> rows = RemovalEffects.solve(counts(List.of(path("a b", true, 300), path("a", false, 0),
                path("b", true, 300))));
        assertThat(rows).allSatisfy(r -> assertThat(r.credit()).isEqualTo(BigDecimal.valueOf(r.credit().doubleValue())));
    }
}

package io.attributionstreams.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attributionstreams.credit.Fraction;
import java.util.List;
import org.junit.jupiter.api.Test;

class LargestRemainderTest {

    @Test
    void givesTheMissingCentsToTheLargestRemaindersTiesToTheEarlier() {
        // the basic example's C6: three thirds of 100.00
        assertThat(LargestRemainder.allocate(List.of(Fraction.of(1, 3), Fraction.of(1, 3), Fraction.of(1, 3)), 10_000))
                .containsExactly(3_334, 3_333, 3_333);
        // 0.1, 0.3, 0.6 of 0.07: exact 0.7, 2.1, 4.2 -> floors 0, 2, 4 and one cent to the rest .7
        assertThat(LargestRemainder.allocate(List.of(Fraction.of(1, 10), Fraction.of(3, 10), Fraction.of(6, 10)), 7))
                .containsExactly(1, 2, 4);
    }

    @Test
    void exactSharesNeedNoCorrection() {
        assertThat(LargestRemainder.allocate(List.of(Fraction.of(1, 4), Fraction.of(3, 4)), 400))
                .containsExactly(100, 300);
        assertThat(LargestRemainder.allocate(List.of(Fraction.ONE), 0)).containsExactly(0);
    }

    @Test
    void sharesOfAHugeRevenueStayExact() {
        long huge = 900_000_000_000_000_000L;
        long[] cents = LargestRemainder.allocate(List.of(Fraction.of(1, 3), Fraction.of(2, 3)), huge);
        assertThat(cents[0] + cents[1]).isEqualTo(huge);
        assertThat(cents).containsExactly(300_000_000_000_000_000L, 600_000_000_000_000_000L);
    }

    @Test
    void refusesCreditsThatDoNotSumToOne() {
        assertThatThrownBy(() -> LargestRemainder.allocate(List.of(Fraction.of(1, 2)), 1_000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

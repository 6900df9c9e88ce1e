package io.attributionstreams.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FractionTest {

    /** The binary method against BigInteger's, on any pair: small, large, powers of two, and Long.MIN_VALUE's abs. */
    @Property(tries = 3000)
    void gcdIsBigIntegersGcd(@ForAll long a, @ForAll long b) {
        for (long[] pair : new long[][] {{Math.abs(a), Math.abs(b)}, {Math.abs(a) >>> 40, Math.abs(b) >>> 40},
                {Math.abs(a) << 20 >>> 1, Math.abs(b) << 20 >>> 1}, {1L << (a & 62), Math.abs(b)}}) {
            if (pair[0] >= 0 && pair[1] >= 0) {
                assertThat(Fraction.gcd(pair[0], pair[1])).as("gcd(%d, %d)", pair[0], pair[1])
                        .isEqualTo(BigInteger.valueOf(pair[0]).gcd(BigInteger.valueOf(pair[1])).longValueExact());
            }
        }
        BigInteger n = BigInteger.valueOf(a);
        BigInteger d = BigInteger.valueOf(b == 0 ? 1 : b);
        assertThat(Fraction.of(a, b == 0 ? 1 : b)).isEqualTo(Fraction.of(n, d));
    }

    @Test
    void gcdOfEdgeValues() {
        assertThat(Fraction.gcd(0, 0)).isZero();
        assertThat(Fraction.gcd(0, 12)).isEqualTo(12);
        assertThat(Fraction.gcd(12, 0)).isEqualTo(12);
        assertThat(Fraction.gcd(1, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(Fraction.gcd(1L << 62, 3L << 40)).isEqualTo(1L << 40);
        assertThat(Fraction.gcd(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Fraction.of(Long.MIN_VALUE, 4)).isEqualTo(Fraction.of(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(4)));
        assertThat(Fraction.of(Long.MIN_VALUE, 4).numerator()).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE / 4));
    }

    @Test
    void reducesAndKeepsTheDenominatorPositive() {
        assertThat(Fraction.of(2, -4)).isEqualTo(Fraction.of(-1, 2));
        assertThat(Fraction.of(-1, 2).numerator()).isEqualTo(BigInteger.valueOf(-1));
        assertThat(Fraction.of(BigInteger.valueOf(6), BigInteger.valueOf(9))).isEqualTo(Fraction.of(2, 3));
    }

    @Test
    void ofDoubleIsExact() {
        assertThat(Fraction.ofDouble(0.25)).isEqualTo(Fraction.of(1, 4));
        assertThat(Fraction.ofDouble(3.0)).isEqualTo(Fraction.of(3, 1));
        assertThat(Fraction.ofDouble(Math.pow(2, -80)).denominator()).isEqualTo(BigInteger.ONE.shiftLeft(80));
        assertThat(Fraction.ofDouble(0.1).toBigDecimal(new MathContext(60)))
                .isEqualByComparingTo(new java.math.BigDecimal(0.1));
    }

    @Test
    void overflowFallsBackToExactBigArithmetic() {
        Fraction big = Fraction.of(Long.MAX_VALUE - 1, Long.MAX_VALUE);
        Fraction sum = big.add(big);
        assertThat(sum.numerator()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE - 1).multiply(BigInteger.TWO));
        assertThat(sum.denominator()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(big.multiply(big).compareTo(big)).isNegative();
        assertThat(sum.divide(big)).isEqualTo(Fraction.of(2, 1));
    }

    @Property
    void smallAndBigPathsAgree(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long a,
            @ForAll @LongRange(min = 1, max = 1_000_000) long b,
            @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long c,
            @ForAll @LongRange(min = 1, max = 1_000_000) long d) {
        Fraction x = Fraction.of(a, b);
        Fraction y = Fraction.of(c, d);
        BigInteger num = BigInteger.valueOf(a).multiply(BigInteger.valueOf(d))
                .add(BigInteger.valueOf(c).multiply(BigInteger.valueOf(b)));
        assertThat(x.add(y)).isEqualTo(Fraction.of(num, BigInteger.valueOf(b).multiply(BigInteger.valueOf(d))));
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(
                BigInteger.valueOf(a).multiply(BigInteger.valueOf(d))
                        .compareTo(BigInteger.valueOf(c).multiply(BigInteger.valueOf(b))));
        Fraction.FloorAndRest share = x.timesFloor(12_345);
        assertThat(Fraction.of(share.floor(), 1).add(share.rest())).isEqualTo(x.multiply(Fraction.of(12_345, 1)));
        assertThat(share.rest().signum()).isGreaterThanOrEqualTo(0);
        assertThat(share.rest().compareTo(Fraction.ONE)).isNegative();
    }
}

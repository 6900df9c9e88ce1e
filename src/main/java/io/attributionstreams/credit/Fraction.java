package io.attributionstreams.credit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * An exact rational with a positive denominator, always reduced. Credits are fractions so that
 * revenue shares and their largest-remainder rounding are exact (docs/contract.md §5 and §6).
 *
 * <p>Almost every credit is a small fraction (1/4, 1/6, 2/5), so values that fit in {@code long}
 * are computed in {@code long} and only overflow falls back to {@link BigInteger}; this is the
 * batch engine's hottest arithmetic.
 */
public final class Fraction implements Comparable<Fraction> {
    public static final Fraction ZERO = new Fraction(0, 1);
    public static final Fraction ONE = new Fraction(1, 1);

    /** Valid when {@link #big} is false. */
    private final long num;
    private final long den;
    /** Non-null only when the value does not fit in two longs. */
    private final BigInteger bigNum;
    private final BigInteger bigDen;

    private Fraction(long num, long den) {
        this.num = num;
        this.den = den;
        this.bigNum = null;
        this.bigDen = null;
    }

    private Fraction(BigInteger num, BigInteger den) {
        this.num = 0;
        this.den = 0;
        this.bigNum = num;
        this.bigDen = den;
    }

    public static Fraction of(long numerator, long denominator) {
        if (denominator == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (denominator < 0) {
            if (denominator == Long.MIN_VALUE || numerator == Long.MIN_VALUE) {
                return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
            }
            numerator = -numerator;
            denominator = -denominator;
        }
        if (numerator == Long.MIN_VALUE) {
            return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator)); // its abs is no long
        }
        long gcd = gcd(Math.abs(numerator), denominator);
        if (gcd > 1) {
            numerator /= gcd;
            denominator /= gcd;
        }
        return new Fraction(numerator, denominator);
    }

    public static Fraction of(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (gcd.signum() != 0 && !gcd.equals(BigInteger.ONE)) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
        // any value that fits in two longs is kept in them, as of(long, long) keeps it: one form per value, so that
        // equals and hashCode agree however the value was reached (a 63-bit denominator had been kept both ways)
        if (numerator.bitLength() < 64 && denominator.bitLength() < 64) {
            return new Fraction(numerator.longValue(), denominator.longValue());
        }
        return new Fraction(numerator, denominator);
    }

    /** The exact value of a finite double (every double is a dyadic rational). */
    public static Fraction ofDouble(double value) {
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("not a finite number: " + value);
        }
        if (value == 0) {
            return ZERO;
        }
        long bits = Double.doubleToRawLongBits(value);
        int exponent = (int) ((bits >> 52) & 0x7ff);
        long mantissa = bits & 0x000f_ffff_ffff_ffffL;
        if (exponent == 0) {
            exponent = 1;
        } else {
            mantissa |= 1L << 52;
        }
        exponent -= 1075;
        if (value < 0) {
            mantissa = -mantissa;
        }
        BigInteger m = BigInteger.valueOf(mantissa);
        return exponent >= 0 ? of(m.shiftLeft(exponent), BigInteger.ONE) : of(m, BigInteger.ONE.shiftLeft(-exponent));
    }

    private boolean isBig() {
        return bigNum != null;
    }

    public BigInteger numerator() {
        return isBig() ? bigNum : BigInteger.valueOf(num);
    }

    public BigInteger denominator() {
        return isBig() ? bigDen : BigInteger.valueOf(den);
    }

    public int signum() {
        return isBig() ? bigNum.signum() : Long.signum(num);
    }

    public Fraction add(Fraction other) {
        if (!isBig() && !other.isBig()) {
            try {
                if (den == other.den) {
                    return of(Math.addExact(num, other.num), den);
                }
                return of(Math.addExact(Math.multiplyExact(num, other.den), Math.multiplyExact(other.num, den)),
                        Math.multiplyExact(den, other.den));
            } catch (ArithmeticException overflow) {
                // exact arithmetic below
            }
        }
        return of(numerator().multiply(other.denominator()).add(other.numerator().multiply(denominator())),
                denominator().multiply(other.denominator()));
    }

    public Fraction multiply(Fraction other) {
        if (!isBig() && !other.isBig()) {
            try {
                return of(Math.multiplyExact(num, other.num), Math.multiplyExact(den, other.den));
            } catch (ArithmeticException overflow) {
                // exact arithmetic below
            }
        }
        return of(numerator().multiply(other.numerator()), denominator().multiply(other.denominator()));
    }

    public Fraction divide(Fraction other) {
        if (other.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (!isBig() && !other.isBig()) {
            if (other.num == 1 && other.den == 1) {
                return this;
            }
            try {
                return of(Math.multiplyExact(num, other.den), Math.multiplyExact(den, other.num));
            } catch (ArithmeticException overflow) {
                // exact arithmetic below
            }
        }
        return of(numerator().multiply(other.denominator()), denominator().multiply(other.numerator()));
    }

    /**
     * Floor of this times {@code factor}, and the dropped part as a fraction in [0, 1): the two
     * halves of a revenue share in largest-remainder rounding.
     */
    public FloorAndRest timesFloor(long factor) {
        if (!isBig()) {
            try {
                long product = Math.multiplyExact(num, factor);
                long floor = Math.floorDiv(product, den);
                return new FloorAndRest(floor, of(Math.floorMod(product, den), den));
            } catch (ArithmeticException overflow) {
                // exact arithmetic below
            }
        }
        BigFloorAndRest big = bigTimesFloor(BigInteger.valueOf(factor));
        return new FloorAndRest(big.floor().longValueExact(), big.rest());
    }

    /** {@link #timesFloor(long)} for a factor of any size. */
    public BigFloorAndRest timesFloor(BigInteger factor) {
        if (factor.bitLength() < 64) {
            FloorAndRest small = timesFloor(factor.longValue());
            return new BigFloorAndRest(BigInteger.valueOf(small.floor()), small.rest());
        }
        return bigTimesFloor(factor);
    }

    private BigFloorAndRest bigTimesFloor(BigInteger factor) {
        BigInteger[] qr = numerator().multiply(factor).divideAndRemainder(denominator());
        BigInteger floor = qr[0];
        BigInteger rest = qr[1];
        if (rest.signum() < 0) {
            floor = floor.subtract(BigInteger.ONE);
            rest = rest.add(denominator());
        }
        return new BigFloorAndRest(floor, of(rest, denominator()));
    }

    /** An integer part of any size and a fractional remainder. */
    public record BigFloorAndRest(BigInteger floor, Fraction rest) {
    }

    /** An integer part and a fractional remainder. */
    public record FloorAndRest(long floor, Fraction rest) {
    }

    /** The value rounded half-even to {@code digits} significant digits. */
    public BigDecimal toBigDecimal(MathContext digits) {
        if (!isBig() && den == 1) {
            return BigDecimal.valueOf(num);
        }
        return new BigDecimal(numerator()).divide(new BigDecimal(denominator()), digits);
    }

    @Override
    public int compareTo(Fraction other) {
        if (!isBig() && !other.isBig()) {
            try {
                return Long.compare(Math.multiplyExact(num, other.den), Math.multiplyExact(other.num, den));
            } catch (ArithmeticException overflow) {
                // exact arithmetic below
            }
        }
        return numerator().multiply(other.denominator()).compareTo(other.numerator().multiply(denominator()));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fraction f)) {
            return false;
        }
        if (!isBig() && !f.isBig()) {
            return num == f.num && den == f.den;
        }
        return isBig() && f.isBig() && bigNum.equals(f.bigNum) && bigDen.equals(f.bigDen);
    }

    @Override
    public int hashCode() {
        return isBig() ? 31 * bigNum.hashCode() + bigDen.hashCode() : Long.hashCode(num * 31 + den);
    }

    @Override
    public String toString() {
        return numerator() + "/" + denominator();
    }

    /**
     * The greatest common divisor of two non-negative longs, by Stein's binary method: shifts and subtractions
     * instead of a 64-bit division per step (each credit's fraction is reduced, millions of times in a batch run).
     * {@link #of(long, long)} hands it no negative: a numerator whose magnitude is no long goes the BigInteger way.
     */
    static long gcd(long a, long b) {
        if (a == 0 || b == 0) {
            return a | b;
        }
        int shift = Long.numberOfTrailingZeros(a | b);
        a >>= Long.numberOfTrailingZeros(a);
        do {
            b >>= Long.numberOfTrailingZeros(b);
            if (a > b) {
                long t = b;
                b = a;
                a = t;
            }
            b -= a;
        } while (b != 0);
        return a << shift;
    }
}

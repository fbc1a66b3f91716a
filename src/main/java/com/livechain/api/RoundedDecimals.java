package com.livechain.api;

import tools.jackson.core.io.NumberOutput;

/**
 * The text of a double already rounded to a few decimals ({@link ChainViews#round}), written from its digits
 * instead of by a general shortest-decimal algorithm: the same characters Java 19+'s {@code Double.toString} and
 * Jackson's Schubfach writer ({@code USE_FAST_DOUBLE_WRITER}) produce, about half of a chain body's cost when
 * they were written by Schubfach (which finds 17 digits and strips the zeros of a 112.3 one at a time).
 *
 * <p>Why the digits are those: a value {@code round(x, d)} is the double nearest to {@code n / 10^d} for an
 * integer {@code n}. When that decimal has at most 15 significant digits it is the shortest decimal that reads
 * back as the double, and the only one of its length: a double has 15.95 digits of precision, so two decimals of
 * 15 digits or fewer never read back as the same double (IEEE 754's DBL_DIG = 15). So the shortest-decimal
 * algorithms give {@code n / 10^d} without its trailing zeros, and only the layout remains: plain for
 * {@code 1e-3 <= |v| < 1e7} ({@code 112.5}, {@code 24500.0}), computerised scientific notation below
 * ({@code 8.1E-4}). Larger values, and anything with more digits, are left to the caller's generator
 * ({@code RoundedDecimalsTest} compares both ways over millions of values).
 */
final class RoundedDecimals {

    /** Enough for a sign, 15 digits, a point, an exponent and its sign. */
    static final int MAX_LENGTH = 24;

    private static final long[] POWERS_OF_TEN = new long[16];
    /** 10^15: values are written here only below it, where the 15-digit argument above holds. */
    private static final long MAX_DIGITS;

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
        MAX_DIGITS = POWERS_OF_TEN[15];
    }

    private RoundedDecimals() {
    }

    /**
     * Writes {@code value}, a result of {@link ChainViews#round}{@code (x, decimals)}, as Java 19+ writes a double,
     * into {@code into} from 0, and returns the length; returns -1 (and the caller writes it the general way) when
     * it is not finite, not in the layouts above, or has more than 15 significant digits.
     */
    static int write(double value, int decimals, char[] into) {
        if (!(Math.abs(value) < 1e7)) {
            return -1;
        }
        if (value == 0) {
            if (Double.doubleToRawLongBits(value) != 0) {
                return -1; // -0.0 is "-0.0"; round() never gives it, so let the generator say so
            }
            into[0] = '0';
            into[1] = '.';
            into[2] = '0';
            return 3;
        }
        double scaled = value * POWERS_OF_TEN[decimals];
        long n = (long) Math.rint(scaled);
        // Not a rounded value after all (or too many digits to be sure): the general way.
        if (Math.abs(n) >= MAX_DIGITS || (double) n / POWERS_OF_TEN[decimals] != value) {
            return -1;
        }
        int scale = decimals;
        while (scale > 0 && n % 10 == 0) {
            n /= 10;
            scale--;
        }
        int at = 0;
        if (n < 0) {
            into[at++] = '-';
            n = -n;
        }
        if (Math.abs(value) >= 1e-3) {
            long whole = n / POWERS_OF_TEN[scale];
            at = NumberOutput.outputLong(whole, into, at);
            into[at++] = '.';
            if (scale == 0) {
                into[at++] = '0';
            } else {
                // The fraction's leading zeros, then its digits: 0.05 is "0" "." "0" "5".
                int fraction = (int) (n - whole * POWERS_OF_TEN[scale]);
                for (int zeros = scale - length(fraction); zeros > 0; zeros--) {
                    into[at++] = '0';
                }
                at = NumberOutput.outputInt(fraction, into, at);
            }
            return at;
        }
        // d.ddd...E-x: the first digit, the point, the others (or a 0), then the power of ten of the first digit.
        int length = length(n);
        int first = at;
        at = NumberOutput.outputLong(n, into, at + 1);
        into[first] = into[first + 1];
        into[first + 1] = '.';
        if (length == 1) {
            into[at++] = '0';
        }
        into[at++] = 'E';
        into[at++] = '-';
        return NumberOutput.outputInt(scale - (length - 1), into, at);
    }

    /** How many decimal digits {@code 0 <= v < 10^15} has: comparisons, not divisions. */
    private static int length(long v) {
        int length = 1;
        while (length < POWERS_OF_TEN.length && v >= POWERS_OF_TEN[length]) {
            length++;
        }
        return length;
    }
}

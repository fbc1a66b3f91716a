package com.livechain.api;

import tools.jackson.core.io.NumberOutput;

/**
 * The text of a number rounded to a few decimals ({@link ChainViews#round}), written from the digits of its
 * integer units instead of by a general shortest-decimal algorithm on the rounded double: the same characters
 * Java 19+'s {@code Double.toString} and Jackson's Schubfach writer ({@code USE_FAST_DOUBLE_WRITER}) produce
 * for that double, at a fraction of the cost (Schubfach finds 17 digits and strips the zeros of a 112.3 one at
 * a time; it was half of a chain body's cost).
 *
 * <p>Why the digits are those: {@code round(x, d)} is the double nearest to {@code n / 10^d} for the integer
 * {@code n} that {@link ChainViews#roundedUnits} gives. When that decimal has at most 15 significant digits it is
 * the shortest decimal that reads back as the double, and the only one of its length: a double has 15.95 digits
 * of precision, so two decimals of 15 digits or fewer never read back as the same double (IEEE 754's DBL_DIG =
 * 15). So the shortest-decimal algorithms give {@code n / 10^d} without its trailing zeros, and only the layout
 * remains: plain for {@code 1e-3 <= |v| < 1e7} ({@code 112.5}, {@code 24500.0}), computerised scientific notation
 * below ({@code 8.1E-4}). Larger values, more digits, and values near a rounding tie (which {@code round} settles
 * with BigDecimal) are left to the caller's general way ({@code RoundedDecimalsTest} compares both ways over
 * millions of values). Divisions are by constants only, which the JIT turns into multiplications.
 */
final class RoundedDecimals {

    /** Enough for a sign, 15 digits, a point, an exponent and its sign. */
    static final int MAX_LENGTH = 24;

    private static final long[] POWERS_OF_TEN = new long[11];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private RoundedDecimals() {
    }

    /**
     * Writes {@code round(x, decimals)} ({@code decimals} from 0 to 6) as Java 19+ writes that double, in
     * US-ASCII into {@code into} from {@code from} (at least {@value #MAX_LENGTH} bytes free), and returns the
     * index after it; returns -1 (having written nothing the caller keeps) when the value is not finite, not in
     * the layouts above, has more than 15 significant digits, or sits on a tie: the caller writes it the general way.
     */
    static int write(double x, int decimals, byte[] into, int from) {
        long n = ChainViews.roundedUnits(x, decimals);
        if (n == ChainViews.NO_UNITS) {
            return -1;
        }
        if (n == 0) {
            into[from] = '0';
            into[from + 1] = '.';
            into[from + 2] = '0';
            return from + 3;
        }
        int at = from;
        if (n < 0) {
            into[at++] = '-';
            n = -n;
        }
        if (n > Integer.MAX_VALUE || decimals > 6) {
            return -1;
        }
        // In int arithmetic from here: a price, IV or greek to six places has at most ten digits, and an int
        // division by a constant is a multiplication; a long one may not be.
        int units = (int) n;
        int scale = decimals;
        while (scale > 0 && units % 10 == 0) {
            units /= 10;
            scale--;
        }
        // |v| = units / 10^scale: plain from 1e-3 (units >= 10^(scale-3)) below 1e7 (units < 10^(scale+7)).
        if (scale < 3 && units >= POWERS_OF_TEN[scale + 7]) {
            return -1;
        }
        if (scale < 3 || units >= POWERS_OF_TEN[scale - 3]) {
            int whole = dividedByPowerOfTen(units, scale);
            at = NumberOutput.outputInt(whole, into, at);
            into[at++] = '.';
            if (scale == 0) {
                into[at++] = '0';
            } else {
                // The fraction's leading zeros, then its digits: 0.05 is "0" "." "0" "5".
                int fraction = units - whole * (int) POWERS_OF_TEN[scale];
                for (int zeros = scale - length(fraction); zeros > 0; zeros--) {
                    into[at++] = '0';
                }
                at = NumberOutput.outputInt(fraction, into, at);
            }
            return at;
        }
        // d.ddd...E-x: the first digit, the point, the others (or a 0), then the power of ten of the first digit.
        int length = length(units);
        int first = at;
        at = NumberOutput.outputInt(units, into, at + 1);
        into[first] = into[first + 1];
        into[first + 1] = '.';
        if (length == 1) {
            into[at++] = '0';
        }
        into[at++] = 'E';
        into[at++] = '-';
        return NumberOutput.outputInt(scale - (length - 1), into, at);
    }

    /** {@code n / 10^scale}, by constants, so no division instruction. */
    private static int dividedByPowerOfTen(int n, int scale) {
        return switch (scale) {
            case 0 -> n;
            case 1 -> n / 10;
            case 2 -> n / 100;
            case 3 -> n / 1_000;
            case 4 -> n / 10_000;
            case 5 -> n / 100_000;
            default -> n / 1_000_000;
        };
    }

    /** How many decimal digits {@code v >= 0} has: comparisons, not divisions. */
    private static int length(int v) {
        int length = 1;
        while (length < 10 && v >= POWERS_OF_TEN[length]) {
            length++;
        }
        return length;
    }
}

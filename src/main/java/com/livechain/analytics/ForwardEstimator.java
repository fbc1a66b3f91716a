package com.livechain.analytics;

/**
 * The forward an option chain implies: the "synthetic future" of put-call parity.
 *
 * <p>For European options on one expiry, {@code C - P = e^{-rT} (F - K)} at every strike (Hull, <i>Options,
 * Futures, and Other Derivatives</i>, "Put-call parity"), so each strike quoting both a call and a put
 * gives {@code F = K + e^{rT} (C - P)}. Reading F off the market, rather than computing
 * {@code S e^{(r-q)T}}, means no dividend yield, borrow cost or futures basis has to be guessed: whatever the
 * market charges for carry is in F, and Black-76 on F then needs the rate only to discount, where it hardly
 * matters at these horizons. This is also how the exchanges' volatility indices find their forward
 * (CBOE VIX white paper, "Determine the forward index level"; NSE India VIX uses the same method).
 *
 * <p>Only the strikes nearest the spot are used: there both options trade actively and their quotes are
 * tight, while in the wings one leg is in the money, illiquid and quoted wide. The estimates of those few
 * strikes are averaged, which damps one stale quote without letting the wings in.
 */
public final class ForwardEstimator {

    /** Strikes averaged by default: the at-the-money strike and its neighbours. */
    public static final int DEFAULT_STRIKES = 3;

    private ForwardEstimator() {}

    /** {@link #impliedForward(double[], double[], double[], double, double, double, int)} over 3 strikes. */
    public static double impliedForward(double[] strikes, double[] callPrices, double[] putPrices,
                                        double spot, double years, double rate) {
        return impliedForward(strikes, callPrices, putPrices, spot, years, rate, DEFAULT_STRIKES);
    }

    /**
     * The mean of {@code K + e^{rT} (C - P)} over the {@code count} strikes nearest {@code spot} that have
     * both prices, or {@code spot e^{rT}} when no strike has both.
     *
     * <p>Prefer mid quotes where both sides are present; last traded prices work but a stale one biases the
     * estimate for as long as it stays stale.
     *
     * @param strikes    strikes in ascending order
     * @param callPrices call premium per strike; NaN (or any value that is not positive) when missing
     * @param putPrices  put premium per strike; NaN (or not positive) when missing
     * @param spot       the underlying's last price, to find the money and for the fallback
     * @param years      time to expiry (ACT/365); a negative value is treated as 0
     * @param rate       continuously compounded rate
     * @param count      how many strikes to average, at least 1
     * @return the implied forward; NaN only when no strike has both prices and the spot is not usable
     * @throws IllegalArgumentException if the arrays differ in length or count is below 1
     */
    public static double impliedForward(double[] strikes, double[] callPrices, double[] putPrices,
                                        double spot, double years, double rate, int count) {
        if (callPrices.length != strikes.length || putPrices.length != strikes.length) {
            throw new IllegalArgumentException("strikes, callPrices and putPrices must have the same length, were "
                    + strikes.length + ", " + callPrices.length + ", " + putPrices.length);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        double growth = Math.exp(rate * Math.max(years, 0));
        // Walk outwards from the spot, always taking the nearer of the two next strikes.
        int above = firstAtOrAbove(strikes, spot);
        int below = above - 1;
        double sum = 0;
        int used = 0;
        while (used < count && (below >= 0 || above < strikes.length)) {
            int i;
            if (below < 0) {
                i = above++;
            } else if (above >= strikes.length) {
                i = below--;
            } else if (strikes[above] - spot <= spot - strikes[below]) {
                i = above++;
            } else {
                i = below--;
            }
            double call = callPrices[i];
            double put = putPrices[i];
            if (call > 0 && put > 0 && call < Double.POSITIVE_INFINITY && put < Double.POSITIVE_INFINITY) {
                sum += strikes[i] + growth * (call - put);
                used++;
            }
        }
        if (used == 0) {
            return spot > 0 && spot < Double.POSITIVE_INFINITY ? spot * growth : Double.NaN;
        }
        return sum / used;
    }

    /** Index of the first strike at or above {@code spot} (the length if none), by binary search. */
    private static int firstAtOrAbove(double[] strikes, double spot) {
        int lo = 0;
        int hi = strikes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (strikes[mid] < spot) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

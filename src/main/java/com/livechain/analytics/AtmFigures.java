package com.livechain.analytics;

/**
 * The at-the-money figures of one expiry that the live summary shows: {@code atmIv}, {@code straddle} and
 * {@code expectedMove}. The fourth, {@code forward}, is {@link ForwardEstimator#impliedForward}: the parity
 * forward the legs are priced on, so the summary and the legs agree.
 *
 * <p>Static functions on primitives, allocation-free, for the rendering path. An undefined figure is NaN,
 * which the API shows as null. Definitions and sources: {@code docs/analytics.md}, "Live summary".
 */
public final class AtmFigures {

    private AtmFigures() {}

    /**
     * Index of the strike nearest {@code level} in ascending {@code strikes}, the lower on a tie, or -1 when
     * there are none or the level is not a number. With the underlying's last price as the level this is the
     * body's {@code atmStrike}: the ATM IV and the straddle are read at the strike the page marks as ATM.
     */
    public static int nearestStrike(double[] strikes, int count, double level) {
        if (count <= 0 || !(level > Double.NEGATIVE_INFINITY && level < Double.POSITIVE_INFINITY)) {
            return -1;
        }
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (strikes[mid] < level) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == count) {
            return count - 1;
        }
        if (lo == 0) {
            return 0;
        }
        return level - strikes[lo - 1] <= strikes[lo] - level ? lo - 1 : lo;
    }

    /**
     * The ATM implied volatility: the mean of the ATM call's and put's, or the one that is known when the other
     * is not (a one-sided quote at the money is rare and brief; showing nothing for it would blank the figure
     * for no reason). Units are the caller's (a fraction or percent, as given).
     *
     * @param callIv the ATM call's IV; NaN or not positive when it has none
     * @param putIv  the ATM put's IV; NaN or not positive when it has none
     */
    public static double atmIv(double callIv, double putIv) {
        boolean call = usable(callIv);
        boolean put = usable(putIv);
        if (call && put) {
            return (callIv + putIv) / 2;
        }
        if (call) {
            return callIv;
        }
        return put ? putIv : Double.NaN;
    }

    /**
     * The price a leg's IV is solved from, and so its share of the straddle: the mid when both sides are quoted
     * (bid positive, ask at or above it), else the last price, else NaN. The same rule as the chain view's
     * premium, so {@code straddle} is the sum of the two premiums the ATM IVs come from.
     */
    public static double mid(double bid, double ask, double lastPrice) {
        if (bid > 0 && ask >= bid && ask < Double.POSITIVE_INFINITY) {
            return (bid + ask) / 2;
        }
        return usable(lastPrice) ? lastPrice : Double.NaN;
    }

    /**
     * The ATM straddle: call mid plus put mid ({@link #mid}); NaN unless both legs have a price, since half a
     * straddle is not a straddle.
     */
    public static double straddle(double callBid, double callAsk, double callLast,
                                  double putBid, double putAsk, double putLast) {
        double call = mid(callBid, callAsk, callLast);
        double put = mid(putBid, putAsk, putLast);
        return Double.isNaN(call) || Double.isNaN(put) ? Double.NaN : call + put;
    }

    /**
     * The one-standard-deviation move the ATM IV implies by expiry, in index points:
     * {@code forward x vol x sqrt(years)}. NaN when a figure is missing or the expiry has passed.
     *
     * @param forward the parity forward of the expiry
     * @param vol     the ATM IV as a fraction (0.13 for 13%), not in percent
     * @param years   time to expiry ({@link ExpiryClock}, ACT/365)
     */
    public static double expectedMove(double forward, double vol, double years) {
        if (!usable(forward) || !usable(vol) || !(years > 0) || years == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        return forward * vol * Math.sqrt(years);
    }

    private static boolean usable(double value) {
        return value > 0 && value < Double.POSITIVE_INFINITY;
    }
}

package com.livechain.surface;

import com.livechain.analytics.Black76;
import com.livechain.analytics.ImpliedVolatility;

/**
 * One expiry's smile read from the out-of-the-money side: at a strike below the forward the put, at or above it
 * the call. The out-of-the-money leg is the one that carries the information (its premium is all time value; the
 * in-the-money twin adds intrinsic value and trades wider), and on the parity forward both legs of a strike have
 * the same IV up to quote noise, so one curve across the forward is continuous.
 *
 * <p>Each point has the Black-76 IV solved from its premium ({@link ImpliedVolatility}, the solver
 * {@code /options/live} uses) and the forward delta of that leg on that IV: {@code N(d1)} for a call,
 * {@code N(d1) - 1} for a put, without premium adjustment ({@link Black76#delta}). Strikes whose leg has no IV (no
 * premium, or a premium with no time value) are left out, so the arrays hold only usable points, strikes
 * ascending.
 *
 * <p>Parallel arrays rather than a list of records: a NIFTY surface has a few thousand points and is rebuilt at
 * least once a second.
 */
final class Smile {

    private final double forward;
    private final double years;
    private final double[] strikes;
    private final double[] ivs;
    private final double[] deltas;
    private final int count;

    private Smile(double forward, double years, double[] strikes, double[] ivs, double[] deltas, int count) {
        this.forward = forward;
        this.years = years;
        this.strikes = strikes;
        this.ivs = ivs;
        this.deltas = deltas;
        this.count = count;
    }

    /**
     * @param strikes       strictly ascending
     * @param callPremiums  the premium IV is solved from, per strike ({@code analytics.OptionPremium}); NaN none
     * @param putPremiums   the same for puts
     * @param forward       the parity forward the legs are priced on; NaN gives an empty smile
     * @param years         time to expiry (ACT/365); not positive gives an empty smile
     * @param rate          the Black-76 discount rate
     */
    static Smile of(double[] strikes, double[] callPremiums, double[] putPremiums, double forward, double years,
                    double rate) {
        int n = strikes.length;
        double[] k = new double[n];
        double[] iv = new double[n];
        double[] delta = new double[n];
        int count = 0;
        if (forward > 0 && forward < Double.POSITIVE_INFINITY && years > 0) {
            for (int i = 0; i < n; i++) {
                boolean call = strikes[i] >= forward;
                double premium = call ? callPremiums[i] : putPremiums[i];
                if (Double.isNaN(premium)) {
                    continue;
                }
                double vol = ImpliedVolatility.solve(call, premium, forward, strikes[i], years, rate);
                double d = Double.isNaN(vol) ? Double.NaN : Black76.delta(call, forward, strikes[i], years, rate, vol);
                if (Double.isNaN(d)) {
                    continue;
                }
                k[count] = strikes[i];
                iv[count] = vol;
                delta[count] = d;
                count++;
            }
        }
        return new Smile(forward, years, k, iv, delta, count);
    }

    /** A smile of given points, for tests: strikes ascending, IVs as fractions, deltas of the OTM leg. */
    static Smile ofPoints(double forward, double years, double[] strikes, double[] ivs, double[] deltas) {
        if (strikes.length != ivs.length || ivs.length != deltas.length) {
            throw new IllegalArgumentException("strikes, ivs and deltas must have the same length");
        }
        return new Smile(forward, years, strikes.clone(), ivs.clone(), deltas.clone(), strikes.length);
    }

    double forward() {
        return forward;
    }

    double years() {
        return years;
    }

    int size() {
        return count;
    }

    double strike(int i) {
        return strikes[i];
    }

    /** IV of point {@code i} as a fraction per annum. */
    double iv(int i) {
        return ivs[i];
    }

    /** Forward delta of point {@code i}'s leg: negative below the forward (a put), positive from it (a call). */
    double delta(int i) {
        return deltas[i];
    }

    /**
     * Point {@code i}'s delta as a call's: a put's plus one. Without premium adjustment call and put deltas of a
     * strike differ by exactly one ({@code N(d1) - (N(d1) - 1)}), so this is the call delta at that strike and IV,
     * and it falls through the whole smile as the strike rises, from near 1 in the put wing to near 0 in the call
     * wing: one axis on which both 25-delta points are found.
     */
    double callDelta(int i) {
        return strikes[i] >= forward ? deltas[i] : deltas[i] + 1;
    }

    /** Index of the first point at or above the forward ({@link #size()} if none). */
    int firstCall() {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (strikes[mid] < forward) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

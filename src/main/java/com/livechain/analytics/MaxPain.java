package com.livechain.analytics;

/**
 * Max pain: the expiry price at which option holders, all open interest taken together, collect least,
 * i.e. option writers pay least.
 *
 * <p>At a settlement price {@code S} the holders of the chain collect
 * <pre>
 *   payout(S) = sum_i ceOi_i max(S - K_i, 0) + peOi_i max(K_i - S, 0).
 * </pre>
 * {@code payout} is piecewise linear and convex in {@code S} with kinks only at strikes, so its minimum is
 * at a strike and only strikes need evaluating. Evaluating each one naively costs O(n^2); here both sums
 * are carried from one strike to the next (moving up by {@code dK} adds {@code dK} times the call OI at or
 * below, and removes {@code dK} times the put OI above), O(n) in two passes and without the large
 * {@code K * OI} products whose differences would cancel.
 */
public final class MaxPain {

    private MaxPain() {}

    /**
     * The max-pain strike.
     *
     * @param strikes strikes, strictly ascending
     * @param ceOi    call open interest per strike; a negative value (-1) means unknown and counts as 0
     * @param peOi    put open interest per strike; negative means unknown
     * @return the strike minimising the holders' payout (the lowest such strike on a tie), or NaN when no
     *     strike has known, positive open interest
     * @throws IllegalArgumentException if the arrays differ in length or the strikes do not ascend
     */
    public static double strike(double[] strikes, long[] ceOi, long[] peOi) {
        int n = strikes.length;
        if (ceOi.length != n || peOi.length != n) {
            throw new IllegalArgumentException("strikes, ceOi and peOi must have the same length, were "
                    + n + ", " + ceOi.length + ", " + peOi.length);
        }
        double putOiAbove = 0;
        double putPayout = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && !(strikes[i] > strikes[i - 1])) {
                throw new IllegalArgumentException("strikes must ascend strictly; strikes[" + i + "] = "
                        + strikes[i] + " follows " + strikes[i - 1]);
            }
            putOiAbove += known(peOi[i]);
            // Put payout at the lowest strike: every put above it is in the money.
            putPayout += known(peOi[i]) * (strikes[i] - strikes[0]);
        }
        if (putOiAbove == 0 && noneKnown(ceOi)) {
            return Double.NaN;
        }
        double callOiAtOrBelow = 0;
        double callPayout = 0;
        double best = Double.POSITIVE_INFINITY;
        int bestIndex = -1;
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                double step = strikes[j] - strikes[j - 1];
                callPayout += callOiAtOrBelow * step;
                putPayout -= putOiAbove * step;
            }
            callOiAtOrBelow += known(ceOi[j]);
            putOiAbove -= known(peOi[j]);
            double payout = callPayout + putPayout;
            if (payout < best) {
                best = payout;
                bestIndex = j;
            }
        }
        return strikes[bestIndex];
    }

    private static double known(long oi) {
        return oi > 0 ? oi : 0;
    }

    private static boolean noneKnown(long[] oi) {
        for (long v : oi) {
            if (v > 0) {
                return false;
            }
        }
        return true;
    }
}

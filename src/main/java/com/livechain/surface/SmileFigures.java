package com.livechain.surface;

/**
 * The figures read off a {@link Smile} by interpolation: the at-the-money-forward IV and the IVs at a given
 * delta. Linear interpolation between the two neighbouring points that bracket the target, never extrapolation:
 * a point the chain does not bracket is NaN (the API's {@code null}), since a figure made up past the last quoted
 * strike would look as solid as a measured one. Definitions and sources: {@code docs/analytics.md}, "Volatility
 * surface".
 */
final class SmileFigures {

    /** The delta of the contract's risk reversal and butterfly. */
    static final double DELTA_25 = 0.25;

    private SmileFigures() {
    }

    /**
     * The IV at the forward (at-the-money-forward, log-moneyness 0): linear in log-moneyness {@code ln(K/F)}
     * between the last point below the forward and the first at or above it; that point's own IV when a strike
     * sits exactly on the forward. NaN unless the forward is bracketed.
     */
    static double atmIv(Smile smile) {
        int b = smile.firstCall();
        if (b < smile.size() && smile.strike(b) == smile.forward()) {
            return smile.iv(b);
        }
        int a = b - 1;
        if (a < 0 || b >= smile.size()) {
            return Double.NaN;
        }
        double xa = Math.log(smile.strike(a) / smile.forward());
        double xb = Math.log(smile.strike(b) / smile.forward());
        return linear(xa, smile.iv(a), xb, smile.iv(b), 0);
    }

    /**
     * The IV at call delta {@code delta} (0.25 for the 25-delta call): linear in delta between the two neighbouring
     * points whose call deltas ({@link Smile#callDelta}) bracket it, searching from the forward up through the
     * call wing, the pair straddling the forward first. NaN when no pair brackets it.
     */
    static double ivAtCallDelta(Smile smile, double delta) {
        for (int j = Math.max(smile.firstCall(), 1); j < smile.size(); j++) {
            double iv = between(smile, j - 1, j, delta);
            if (!Double.isNaN(iv)) {
                return iv;
            }
        }
        return Double.NaN;
    }

    /**
     * The IV at put delta {@code delta} (-0.25 for the 25-delta put), that is at call delta {@code 1 + delta}:
     * linear in delta as {@link #ivAtCallDelta}, searching from the forward down through the put wing.
     */
    static double ivAtPutDelta(Smile smile, double delta) {
        double target = 1 + delta;
        for (int j = Math.min(smile.firstCall(), smile.size() - 1); j >= 1; j--) {
            double iv = between(smile, j - 1, j, target);
            if (!Double.isNaN(iv)) {
                return iv;
            }
        }
        return Double.NaN;
    }

    /** Points {@code a < b}: the IV at call delta {@code target} if their deltas bracket it, else NaN. */
    private static double between(Smile smile, int a, int b, double target) {
        double da = smile.callDelta(a);
        double db = smile.callDelta(b);
        if (!(da >= target && target >= db)) {
            return Double.NaN;
        }
        if (da == db) {
            return smile.iv(a);
        }
        return linear(da, smile.iv(a), db, smile.iv(b), target);
    }

    private static double linear(double x0, double y0, double x1, double y1, double x) {
        return y0 + (x - x0) * (y1 - y0) / (x1 - x0);
    }
}

package com.livechain.analytics;

/**
 * A reusable holder that {@link Black76#greeks(boolean, double, double, double, double, double, MutableGreeks)}
 * fills, so the per-tick path computes greeks without allocating. Not thread-safe: one per writer.
 */
public final class MutableGreeks {

    private double delta = Double.NaN;
    private double gamma = Double.NaN;
    private double vega = Double.NaN;
    private double theta = Double.NaN;

    public double delta() {
        return delta;
    }

    public double gamma() {
        return gamma;
    }

    public double vega() {
        return vega;
    }

    public double theta() {
        return theta;
    }

    /** An immutable copy, for handing to another thread or to a view. */
    public Greeks toGreeks() {
        return new Greeks(delta, gamma, vega, theta);
    }

    void set(double delta, double gamma, double vega, double theta) {
        this.delta = delta;
        this.gamma = gamma;
        this.vega = vega;
        this.theta = theta;
    }
}

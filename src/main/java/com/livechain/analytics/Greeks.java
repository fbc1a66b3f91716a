package com.livechain.analytics;

/**
 * The four greeks of one option in the units of the livechain contract: delta and gamma per unit of the
 * underlying, vega per volatility point, theta per calendar day. See {@link Black76} for their definitions.
 * A field is NaN when the greek is undefined (expired option, zero volatility, invalid input).
 */
public record Greeks(double delta, double gamma, double vega, double theta) {

    static final Greeks UNDEFINED = new Greeks(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}

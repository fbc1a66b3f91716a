package com.livechain.history.store;

/**
 * One leg at one interval, in the contract's units (prices in rupees to the paisa, IV in percent); {@code null}
 * for a figure not known at that interval, never 0.
 */
public record LegPoint(Double ltp, Double bid, Double ask, Double iv, Long oi, Long volume) {

    /** A leg listed but with nothing known yet. */
    public static final LegPoint EMPTY = new LegPoint(null, null, null, null, null, null);
}

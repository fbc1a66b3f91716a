package com.livechain.simulator.market;

import java.util.List;

/**
 * A consistent read of one option chain of the simulated market: what {@code POST /v2/optionchain} answers,
 * before it is written as Dhan's JSON.
 *
 * @param lastPrice the underlying's last price
 * @param strikes   every listed strike of the expiry, ascending
 */
public record SimulatedChain(double lastPrice, List<Strike> strikes) {

    public SimulatedChain {
        strikes = List.copyOf(strikes);
    }

    /** One strike with its call and put. */
    public record Strike(int strike, Leg ce, Leg pe) {
    }

    /**
     * One option as the chain shows it. Greeks and IV are the model's at the current underlying level,
     * in Dhan's units: IV in percent, theta per calendar day, vega per volatility point.
     */
    public record Leg(long securityId, double lastPrice, double averagePrice, double bid, int bidQty, double ask,
                      int askQty, long volume, long oi, double previousClose, long previousOi, long previousVolume,
                      double impliedVolatility, double delta, double theta, double gamma, double vega) {
    }
}

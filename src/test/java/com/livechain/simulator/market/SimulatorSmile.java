package com.livechain.simulator.market;

import java.time.LocalDate;

/**
 * The simulated market's own smile, read from its model for tests elsewhere: the IV {@link OptionModel#vol} prices
 * a strike of an expiry at, at the market's current level and time, and the forward it prices on.
 */
public final class SimulatorSmile {

    private final SimulatedMarket market;
    private final String symbol;
    private final LocalDate expiry;

    public SimulatorSmile(SimulatedMarket market, String symbol, LocalDate expiry) {
        this.market = market;
        this.symbol = symbol;
        this.expiry = expiry;
    }

    /** The model's IV (a fraction) at {@code strike}; any strike, listed or not. */
    public double vol(double strike) {
        synchronized (market) {
            SimIndex index = market.index(symbol);
            SimExpiry e = index.expiry(expiry);
            double years = OptionModel.years(e, market.now());
            double forward = index.spot * Math.exp(market.rate() * years);
            return OptionModel.vol(index, years, Math.log(strike / forward));
        }
    }

    public double forward() {
        return market.forward(symbol, expiry);
    }

    public double years() {
        synchronized (market) {
            return OptionModel.years(market.index(symbol).expiry(expiry), market.now());
        }
    }

    public double rate() {
        return market.rate();
    }

    /** The lowest and the highest listed strike. */
    public double[] strikeRange() {
        synchronized (market) {
            int[] strikes = market.index(symbol).expiry(expiry).strikes;
            return new double[] {strikes[0], strikes[strikes.length - 1]};
        }
    }
}

package com.livechain.simulator.market;

import java.time.Duration;
import java.time.Instant;

import com.livechain.analytics.Black76;

/**
 * How the simulated market prices an option: Black-76 on the index forward (grown at the rate, no dividends),
 * with an implied-volatility smile per index, ACT/365 to the expiry's 15:30 IST close.
 */
final class OptionModel {

    private static final double SECONDS_PER_YEAR = 365.0 * 86400;
    static final double ONE_DAY_YEARS = 1.0 / 365;

    final double rate;

    OptionModel(double rate) {
        this.rate = rate;
    }

    /** Years to the expiry's 15:30 IST close, ACT/365. */
    static double years(SimExpiry expiry, Instant now) {
        return Duration.between(now, expiry.close).toMillis() / 1000.0 / SECONDS_PER_YEAR;
    }

    double forward(SimIndex index, double years) {
        return index.spot * Math.exp(rate * years);
    }

    /** The leg's model premium at the index's current level. */
    double model(SimLeg leg, Instant now) {
        double years = years(leg.expiry, now);
        double forward = forward(leg.expiry.index, years);
        double vol = vol(leg.expiry.index, years, Math.log(leg.strike / forward));
        return Black76.price(leg.call(), forward, leg.strike, Math.max(years, 0), rate, vol);
    }

    /**
     * The smile: quadratic in log-moneyness normalised to a month ({@code k / sqrt(T / 30d)}), so a weekly's
     * smile is as steep per standard deviation as a monthly's; the at-the-money level rises slightly with
     * maturity.
     */
    static double vol(SimIndex index, double years, double logMoneyness) {
        double months = Math.max(years, ONE_DAY_YEARS) / (30 * ONE_DAY_YEARS);
        double x = logMoneyness / Math.sqrt(months);
        IndexSpec spec = index.spec;
        double atm = spec.atmVol() * (1 + 0.03 * Math.log(months)) + index.volShift;
        return Math.max(0.04, Math.min(1.5, atm + spec.skew() * x + spec.curvature() * x * x));
    }

    /** The leg as the REST snapshot shows it: its quote, and IV (percent) and Greeks on the model's smile. */
    SimulatedChain.Leg view(SimLeg leg, double forward, double years) {
        double vol = vol(leg.expiry.index, years, Math.log(leg.strike / forward));
        boolean live = years > 0;
        return new SimulatedChain.Leg(leg.securityId, leg.ltp, leg.atp, leg.bidPrice[0], leg.bidQty[0],
                leg.askPrice[0], leg.askQty[0], leg.volume, leg.oi, leg.prevClose, leg.prevOi, leg.prevVolume,
                live ? vol * 100 : 0,
                live ? Black76.delta(leg.call(), forward, leg.strike, years, rate, vol) : 0,
                live ? Black76.theta(leg.call(), forward, leg.strike, years, rate, vol) : 0,
                live ? Black76.gamma(forward, leg.strike, years, rate, vol) : 0,
                live ? Black76.vega(forward, leg.strike, years, rate, vol) : 0);
    }
}

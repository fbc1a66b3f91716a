package com.livechain.surface;

import java.util.List;

import com.livechain.analytics.ExpiryClock;
import com.livechain.analytics.ForwardEstimator;
import com.livechain.analytics.OptionPremium;
import com.livechain.chain.Leg;
import com.livechain.chain.LegSnapshot;
import com.livechain.chain.OptionChain;
import com.livechain.chain.StrikeRow;
import com.livechain.market.MarketHours;

/**
 * Reads one expiry's live chain into its {@link ExpirySurface}, on the inputs {@code /options/live} prices the same
 * chain on ({@code api.ChainViews}): each leg's premium is {@link OptionPremium} (the mid when both sides are
 * quoted, else the last price), the forward is {@link ForwardEstimator#impliedForward} over those premiums and the
 * underlying's last price, and time to expiry is taken at the whole second. So at one second and one chain
 * version a smile point's IV and delta are the very numbers {@code /options/live} shows for that leg, and the
 * forward is the one its legs are priced on.
 */
final class ChainSurfaces {

    private final double rate;

    /** @param rate the Black-76 discount rate ({@code livechain.analytics.rate}) */
    ChainSurfaces(double rate) {
        this.rate = rate;
    }

    /**
     * @param chain    the expiry's chain
     * @param pricedAt the whole second the figures are for, epoch milliseconds
     */
    ExpirySurface read(OptionChain chain, long pricedAt) {
        List<StrikeRow> rows = chain.strikes();
        int n = rows.size();
        double[] strikes = new double[n];
        double[] calls = new double[n];
        double[] puts = new double[n];
        for (int i = 0; i < n; i++) {
            StrikeRow row = rows.get(i);
            strikes[i] = row.strike().doubleValue();
            calls[i] = premium(row.ce());
            puts[i] = premium(row.pe());
        }
        double spot = chain.underlying().spot().read().ltp();
        double years = ExpiryClock.yearsBetween(pricedAt, MarketHours.expiryClose(chain.expiry()).toEpochMilli());
        double forward = Double.isNaN(spot) ? Double.NaN
                : ForwardEstimator.impliedForward(strikes, calls, puts, spot, years, rate);
        return ExpirySurface.of(chain.expiry(), Smile.of(strikes, calls, puts, forward, years, rate));
    }

    /** The whole second {@code nowMillis} falls in: the instant {@code /options/live} prices legs at. */
    static long pricedAt(long nowMillis) {
        return nowMillis - Math.floorMod(nowMillis, 1000L);
    }

    private static double premium(Leg leg) {
        if (leg == null) {
            return Double.NaN;
        }
        LegSnapshot s = leg.read();
        return OptionPremium.of(s.bid(), s.ask(), s.ltp());
    }
}

package com.livechain.api;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.livechain.analytics.Black76;
import com.livechain.analytics.ImpliedVolatility;
import com.livechain.analytics.MutableGreeks;
import com.livechain.chain.OptionChain;
import com.livechain.chain.StrikeRow;

/**
 * The last IV and greeks of every leg of a chain, kept between renders and reused while what they were solved
 * from has not moved: the leg's premium, the forward and the time to expiry (taken at the whole second, see
 * {@link ChainViews}). A tick on a leg away from the money moves neither the forward nor the other legs'
 * premiums, so the next render solves one leg, not all of them. The result is the one a fresh solve gives,
 * bit for bit: the inputs are compared exactly, and the solve and the greeks are deterministic functions of them.
 *
 * <p>Also kept per chain, since they never change: the strikes as doubles and as the JSON numbers the contract
 * writes ({@link ChainViews#number}), which cost a {@code BigDecimal} operation each per render otherwise.
 *
 * <p>Thread-safe without locks: request threads rendering the same chain (two windows at once, or the push
 * beside a request) may race to store a leg's result, and both store the same values; a {@link Priced} is
 * immutable, so a reader sees a whole one. Chains are held weakly: a universe replaced at a reload lets its
 * chains, and their entries here, go.
 */
final class LegPricings {

    private final double rate;
    private final Cache<OptionChain, Chain> chains = Caffeine.newBuilder().weakKeys().build();

    LegPricings(double rate) {
        this.rate = rate;
    }

    Chain of(OptionChain chain) {
        Chain kept = chains.getIfPresent(chain);
        if (kept == null) {
            kept = new Chain(chain);
            chains.put(chain, kept);
        }
        return kept;
    }

    /** IV (a fraction) and greeks of one leg, and the inputs they were solved from. */
    record Priced(double premium, double forward, double years, boolean priced, double iv, double delta,
                  double gamma, double vega, double theta) {

        boolean solvedFrom(double premium, double forward, double years) {
            return Double.compare(this.premium, premium) == 0 && Double.compare(this.forward, forward) == 0
                    && Double.compare(this.years, years) == 0;
        }
    }

    final class Chain {
        private final double[] strikeValues;
        private final Number[] strikes;
        private final Number strikeStep;
        /** CE of strike i at 2i, PE at 2i + 1. */
        private final Priced[] legs;

        private Chain(OptionChain chain) {
            List<StrikeRow> rows = chain.strikes();
            strikeValues = new double[rows.size()];
            strikes = new Number[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                strikeValues[i] = rows.get(i).strike().doubleValue();
                strikes[i] = ChainViews.number(rows.get(i).strike());
            }
            strikeStep = ChainViews.number(chain.underlying().strikeStep());
            legs = new Priced[2 * rows.size()];
        }

        /** The strikes as doubles, ascending; shared, never to be written. */
        double[] strikeValues() {
            return strikeValues;
        }

        /** Strike {@code i} as the contract writes it: a {@code Long} when whole, else a {@code Double}. */
        Number strike(int i) {
            return strikes[i];
        }

        Number strikeStep() {
            return strikeStep;
        }

        /**
         * The leg in {@code slot}'s IV and greeks for these inputs: the kept ones if they were solved from the
         * same, else solved now and kept. Not priced when there is no forward, or no IV for the premium.
         */
        Priced price(int slot, boolean call, double premium, double forward, double strike, double years) {
            Priced last = legs[slot];
            if (last != null && last.solvedFrom(premium, forward, years)) {
                return last;
            }
            Priced now = solve(call, premium, forward, strike, years);
            legs[slot] = now;
            return now;
        }

        private Priced solve(boolean call, double premium, double forward, double strike, double years) {
            double iv = Double.isNaN(forward) ? Double.NaN
                    : ImpliedVolatility.solve(call, premium, forward, strike, years, rate);
            MutableGreeks greeks = new MutableGreeks();
            boolean priced = !Double.isNaN(iv) && Black76.greeks(call, forward, strike, years, rate, iv, greeks);
            return new Priced(premium, forward, years, priced, iv, greeks.delta(), greeks.gamma(), greeks.vega(),
                    greeks.theta());
        }
    }
}

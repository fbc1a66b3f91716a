package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The parity-implied forward on synthetic chains priced with {@link Black76} at a known forward, with a
 * volatility smile, so that parity is the only thing tying the prices to F (Hull, "Put-call parity":
 * {@code C - P = e^{-rT}(F - K)} for European options on one forward).
 */
class ForwardEstimatorTest {

    private static final double RATE = 0.10;
    private static final double YEARS = 9.0 / 365;
    private static final double FORWARD = 24_537.35;

    @Test
    void recoversTheForwardAChainWasPricedAt() {
        Chain chain = Chain.pricedAt(FORWARD);
        double spot = 24_512.35;
        assertThat(ForwardEstimator.impliedForward(chain.strikes, chain.calls, chain.puts, spot, YEARS, RATE))
                .isCloseTo(FORWARD, within(1e-6));
    }

    @Test
    void skipsStrikesMissingEitherPrice() {
        Chain chain = Chain.pricedAt(FORWARD);
        int atm = chain.indexOf(24_500);
        chain.puts[atm] = Double.NaN;
        chain.calls[atm + 1] = 0;
        chain.puts[atm - 1] = Double.NaN;
        // A wild quote on a strike that must not be used: five away from the money.
        chain.calls[atm + 5] = 10_000;
        assertThat(ForwardEstimator.impliedForward(chain.strikes, chain.calls, chain.puts, 24_512.35, YEARS, RATE))
                .isCloseTo(FORWARD, within(1e-6));
    }

    @Test
    void usesTheNearestStrikesOnly() {
        Chain chain = Chain.pricedAt(FORWARD);
        // Nearest three to 24 512.35: 24 500, 24 550, 24 450. Corrupt the fourth, 24 600.
        chain.calls[chain.indexOf(24_600)] += 50;
        assertThat(ForwardEstimator.impliedForward(chain.strikes, chain.calls, chain.puts, 24_512.35, YEARS, RATE))
                .isCloseTo(FORWARD, within(1e-6));
        assertThat(ForwardEstimator.impliedForward(chain.strikes, chain.calls, chain.puts, 24_512.35, YEARS, RATE, 4))
                .isCloseTo(FORWARD + 50 * Math.exp(RATE * YEARS) / 4, within(1e-6));
    }

    @Test
    void fallsBackToSpotGrownAtTheRateWhenNoStrikeHasBothPrices() {
        double[] strikes = {24_400, 24_500, 24_600};
        double[] calls = {Double.NaN, 120, Double.NaN};
        double[] puts = {80, Double.NaN, Double.NaN};
        assertThat(ForwardEstimator.impliedForward(strikes, calls, puts, 24_512.35, YEARS, RATE))
                .isCloseTo(24_512.35 * Math.exp(RATE * YEARS), within(1e-9));
        assertThat(ForwardEstimator.impliedForward(new double[0], new double[0], new double[0], 100, 0, RATE))
                .isEqualTo(100);
        assertThat(ForwardEstimator.impliedForward(strikes, calls, puts, Double.NaN, YEARS, RATE)).isNaN();
    }

    @Test
    void findsTheMoneyWhenTheSpotIsOutsideTheStrikes() {
        Chain chain = Chain.pricedAt(FORWARD);
        // Spot below every strike: the three lowest strikes are nearest.
        assertThat(ForwardEstimator.impliedForward(chain.strikes, chain.calls, chain.puts, 1_000, YEARS, RATE))
                .isCloseTo(FORWARD, within(1e-6));
        assertThat(ForwardEstimator.impliedForward(chain.strikes, chain.calls, chain.puts, 90_000, YEARS, RATE))
                .isCloseTo(FORWARD, within(1e-6));
    }

    @Test
    void rejectsArraysOfDifferentLengths() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                ForwardEstimator.impliedForward(new double[2], new double[2], new double[1], 100, 0.1, RATE));
    }

    /** Strikes 22 000..27 000 every 50, priced on a smile: vol rises away from the money. */
    private record Chain(double[] strikes, double[] calls, double[] puts) {

        static Chain pricedAt(double forward) {
            int n = 101;
            double[] strikes = new double[n];
            double[] calls = new double[n];
            double[] puts = new double[n];
            for (int i = 0; i < n; i++) {
                double k = 22_000 + 50 * i;
                double moneyness = Math.log(k / forward);
                double vol = 0.12 - 0.3 * moneyness + 2.0 * moneyness * moneyness;
                strikes[i] = k;
                calls[i] = Black76.price(true, forward, k, YEARS, RATE, vol);
                puts[i] = Black76.price(false, forward, k, YEARS, RATE, vol);
            }
            return new Chain(strikes, calls, puts);
        }

        int indexOf(double strike) {
            return (int) ((strike - 22_000) / 50);
        }
    }
}

package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Black-76 prices and greeks against published values and identities.
 *
 * <p>Sources: J.C. Hull, <i>Options, Futures, and Other Derivatives</i> (8th ed., Pearson 2012):
 * Example 15.6 (Black-Scholes call 4.76 and put 0.81 for S=42, K=40, r=10%, sigma=20%, T=0.5, with
 * d1=0.7693, d2=0.6278); the worked example of the "Black's model" section of the futures-options chapter
 * (put on a futures price of 20, K=20, r=9%, sigma=25%, T=4 months: d1=0.07216, N(-d1)=0.4712,
 * N(-d2)=0.5288, put 1.12); and the running example of "The Greek letters" chapter (S=49, K=50, r=5%,
 * sigma=20%, T=20 weeks=0.3846: price 2.40, delta 0.522, gamma 0.066, theta -4.31 a year = -0.0118 a
 * calendar day, vega 12.1 per unit of sigma = 0.121 per point). A Black-Scholes example with no dividend
 * is a Black-76 example on {@code F = S e^{rT}}. Values are asserted to the precision the book prints.
 */
class Black76Test {

    private static final double TOL_BOOK_2DP = 0.005;

    @Test
    void hullExample15_6BlackScholesCallAndPutViaForward() {
        double s = 42, k = 40, r = 0.10, vol = 0.20, t = 0.5;
        double f = s * Math.exp(r * t);

        assertThat(Black76.price(true, f, k, t, r, vol)).isCloseTo(4.76, within(TOL_BOOK_2DP));
        assertThat(Black76.price(false, f, k, t, r, vol)).isCloseTo(0.81, within(TOL_BOOK_2DP));
    }

    @Test
    void hullBlacksModelPutOnFutures() {
        double f = 20, k = 20, r = 0.09, vol = 0.25, t = 4.0 / 12;

        assertThat(Black76.price(false, f, k, t, r, vol)).isCloseTo(1.12, within(TOL_BOOK_2DP));
        // At the money forward, call and put are worth the same (parity with F = K).
        assertThat(Black76.price(true, f, k, t, r, vol))
                .isCloseTo(Black76.price(false, f, k, t, r, vol), within(1e-14));
        // The book's intermediate figure N(-d1) = 0.4712 is minus the put delta.
        assertThat(-Black76.delta(false, f, k, t, r, vol)).isCloseTo(0.4712, within(0.00005));
    }

    @Test
    void hullGreekLettersExample() {
        double s = 49, k = 50, r = 0.05, vol = 0.20, t = 0.3846;
        double f = s * Math.exp(r * t);

        assertThat(Black76.price(true, f, k, t, r, vol)).isCloseTo(2.40, within(TOL_BOOK_2DP));
        assertThat(Black76.delta(true, f, k, t, r, vol)).isCloseTo(0.522, within(0.0005));
        assertThat(Black76.gamma(f, k, t, r, vol)).isCloseTo(0.066, within(0.0005));
        assertThat(Black76.vega(f, k, t, r, vol)).isCloseTo(0.121, within(0.0005));
        // Hull's theta holds the stock price fixed; ours holds the forward fixed. They differ by the
        // carry term r S delta (per year), which is the whole point of the choice documented in Black76.
        double thetaSpotFixed = Black76.theta(true, f, k, t, r, vol) - r * s * Black76.delta(true, f, k, t, r, vol) / 365;
        assertThat(thetaSpotFixed).isCloseTo(-0.0118, within(0.00005));
    }

    @Test
    void putCallParityHoldsOverAGrid() {
        double r = 0.10;
        for (double f : new double[] {100, 24_500}) {
            for (double m = 0.5; m <= 1.5001; m += 0.05) {
                for (double vol : new double[] {0.01, 0.05, 0.15, 0.5, 1.5, 5}) {
                    for (double t : new double[] {1.0 / (365 * 24), 1.0 / 365, 7.0 / 365, 0.25, 1}) {
                        double k = m * f;
                        double parity = Black76.price(true, f, k, t, r, vol) - Black76.price(false, f, k, t, r, vol);
                        // 1e-10 for F = 100, scaled with the forward: the prices are only as precise as F.
                        assertThat(parity).as("F=%s K=%s vol=%s T=%s", f, k, vol, t)
                                .isCloseTo(Math.exp(-r * t) * (f - k), within(1e-12 * f));
                    }
                }
            }
        }
    }

    @Test
    void greeksAreTheDerivativesTheyClaimToBe() {
        double r = 0.10;
        for (boolean call : new boolean[] {true, false}) {
            for (double k : new double[] {22_000, 24_000, 24_500, 25_000, 27_000}) {
                for (double t : new double[] {2.0 / 365, 30.0 / 365, 0.5}) {
                    double f = 24_500, vol = 0.15;
                    double prepaid = f * Math.exp(-r * t);
                    double h = prepaid * 1e-5;
                    // Delta and gamma are derivatives in S~ = F e^{-rT} at fixed T.
                    double up = Black76.price(call, (prepaid + h) * Math.exp(r * t), k, t, r, vol);
                    double mid = Black76.price(call, f, k, t, r, vol);
                    double down = Black76.price(call, (prepaid - h) * Math.exp(r * t), k, t, r, vol);
                    String at = String.format("%s K=%s T=%s", call ? "call" : "put", k, t);
                    assertThat(Black76.delta(call, f, k, t, r, vol)).as(at).isCloseTo((up - down) / (2 * h), within(1e-6));
                    assertThat(Black76.gamma(f, k, t, r, vol)).as(at)
                            .isCloseTo((up - 2 * mid + down) / (h * h), within(1e-6 + 1e-4 * Black76.gamma(f, k, t, r, vol)));
                    double dv = 1e-5;
                    double vega = (Black76.price(call, f, k, t, r, vol + dv) - Black76.price(call, f, k, t, r, vol - dv)) / (2 * dv) / 100;
                    assertThat(Black76.vega(f, k, t, r, vol)).as(at).isCloseTo(vega, within(1e-6 * f));
                    // Theta: one calendar day passing with the forward held fixed, i.e. -dPrice/dT per day.
                    double dt = 1e-6;
                    double theta = (Black76.price(call, f, k, t - dt, r, vol) - Black76.price(call, f, k, t + dt, r, vol)) / (2 * dt) / 365;
                    assertThat(Black76.theta(call, f, k, t, r, vol)).as(at).isCloseTo(theta, within(1e-5 * f / 365));
                }
            }
        }
    }

    @Test
    void greeksSatisfyTheBlack76Equation() {
        double f = 24_500, r = 0.10, vol = 0.13;
        for (double k = 20_000; k <= 29_000; k += 500) {
            for (boolean call : new boolean[] {true, false}) {
                double t = 9.0 / 365;
                double prepaid = f * Math.exp(-r * t);
                double lhs = 365 * Black76.theta(call, f, k, t, r, vol)
                        + 0.5 * vol * vol * prepaid * prepaid * Black76.gamma(f, k, t, r, vol)
                        - r * Black76.price(call, f, k, t, r, vol);
                assertThat(lhs).isCloseTo(0, within(1e-9 * f));
            }
        }
    }

    @Test
    void atTheMoneyDeltaIsAboutAHalfAndCallMinusPutIsOne() {
        double f = 24_500, t = 7.0 / 365, r = 0.10, vol = 0.12;
        double callDelta = Black76.delta(true, f, f, t, r, vol);
        assertThat(callDelta).isCloseTo(0.5, within(0.01));
        assertThat(callDelta - Black76.delta(false, f, f, t, r, vol)).isCloseTo(1, within(1e-15));
        // Forward held fixed, an at-the-money call and put decay alike.
        assertThat(Black76.theta(true, f, f, t, r, vol)).isCloseTo(Black76.theta(false, f, f, t, r, vol), within(1e-12));
        assertThat(Black76.theta(true, f, f, t, r, vol)).isNegative();
    }

    @Test
    void allGreeksAtOnceMatchTheSingleGreeks() {
        MutableGreeks holder = new MutableGreeks();
        for (boolean call : new boolean[] {true, false}) {
            double f = 24_500, k = 24_800, t = 3.0 / 365, r = 0.10, vol = 0.14;
            assertThat(Black76.greeks(call, f, k, t, r, vol, holder)).isTrue();
            Greeks record = Black76.greeks(call, f, k, t, r, vol);
            assertThat(holder.toGreeks()).isEqualTo(record);
            assertThat(record.delta()).isCloseTo(Black76.delta(call, f, k, t, r, vol), within(1e-15));
            assertThat(record.gamma()).isCloseTo(Black76.gamma(f, k, t, r, vol), within(1e-15));
            assertThat(record.vega()).isCloseTo(Black76.vega(f, k, t, r, vol), within(1e-12));
            assertThat(record.theta()).isCloseTo(Black76.theta(call, f, k, t, r, vol), within(1e-12));
        }
    }

    @Test
    void atExpiryThePriceIsIntrinsicAndGreeksAreUndefined() {
        assertThat(Black76.price(true, 105, 100, 0, 0.1, 0.2)).isEqualTo(5);
        assertThat(Black76.price(false, 105, 100, -0.01, 0.1, 0.2)).isEqualTo(0);
        assertThat(Black76.delta(true, 105, 100, 0, 0.1, 0.2)).isNaN();
        assertThat(Black76.theta(true, 105, 100, 0, 0.1, 0.2)).isNaN();
        MutableGreeks holder = new MutableGreeks();
        assertThat(Black76.greeks(true, 105, 100, 0, 0.1, 0.2, holder)).isFalse();
        assertThat(holder.delta()).isNaN();
        assertThat(Black76.greeks(false, 105, 100, 0, 0.1, 0.2).vega()).isNaN();
    }

    @Test
    void zeroVolatilityIsDiscountedIntrinsic() {
        assertThat(Black76.price(false, 95, 100, 1, 0.1, 0)).isCloseTo(5 * Math.exp(-0.1), within(1e-14));
        assertThat(Black76.gamma(95, 100, 1, 0.1, 0)).isNaN();
    }

    @Test
    void invalidInputGivesNaN() {
        assertThat(Black76.price(true, Double.NaN, 100, 1, 0.1, 0.2)).isNaN();
        assertThat(Black76.price(true, 100, 0, 1, 0.1, 0.2)).isNaN();
        assertThat(Black76.price(true, 100, 100, Double.NaN, 0.1, 0.2)).isNaN();
        assertThat(Black76.price(true, 100, 100, 1, Double.POSITIVE_INFINITY, 0.2)).isNaN();
        assertThat(Black76.price(true, 100, 100, 1, 0.1, -0.2)).isNaN();
        assertThat(Black76.vega(-100, 100, 1, 0.1, 0.2)).isNaN();
    }
}

package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Implied volatility: round trips over the grid a live index chain spans, the extremes the solver promises
 * (1%..500%, one hour..one year, deep in and out of the money), and every way a premium can fail to imply a
 * volatility.
 *
 * <p>Round-trip criterion: the price repriced at the solved volatility matches the input price to 1e-8
 * <em>relative</em> (prices span 1e-12 to 1 of the forward, so an absolute tolerance would either be
 * meaningless for the wings or unattainable for the money). Points whose time value is below 1e-12 of the
 * forward are skipped: such a premium is lost in the rounding of the intrinsic value, or is below any tick,
 * and carries no volatility information. For out-of-the-money options, whose premium is all time value,
 * the volatility itself is also recovered, to 1e-9 relative.
 *
 * <p>Published value: Hull, <i>Options, Futures, and Other Derivatives</i> (8th ed.), Example 15.6: a call
 * worth 4.76 with S=42, K=40, r=10%, T=0.5 has a volatility of 20%.
 */
class ImpliedVolatilityTest {

    private static final double HOUR = 1.0 / (365 * 24);
    private static final double[] EXPIRIES = {HOUR, 6 * HOUR, 1.0 / 365, 2.0 / 365, 7.0 / 365, 30.0 / 365, 0.25, 0.5, 1};
    private static final double RATE = 0.10;

    @Test
    void hullExample15_6() {
        double f = 42 * Math.exp(0.1 * 0.5);
        double price = Black76.price(true, f, 40, 0.5, 0.1, 0.20);
        assertThat(price).isCloseTo(4.76, within(0.005));
        assertThat(ImpliedVolatility.solve(true, price, f, 40, 0.5, 0.1)).isCloseTo(0.20, within(1e-12));
    }

    @Test
    void roundTripsPriceToIvToPriceOverTheChainGrid() {
        double f = 24_500;
        int checked = 0;
        for (boolean call : new boolean[] {true, false}) {
            for (double m = 0.5; m <= 1.5001; m += 0.025) {
                for (double vol = 0.05; vol <= 1.5001; vol += 0.05) {
                    for (double t : EXPIRIES) {
                        checked += checkRoundTrip(call, f, m * f, t, vol) ? 1 : 0;
                    }
                }
            }
        }
        assertThat(checked).as("points with information").isGreaterThan(10_000);
    }

    /**
     * The corners of the promise: 1%..500% volatility, one hour..one year, moneyness 0.2..5. Far in the wings a
     * premium has no time value left to speak of and is skipped (see the class comment); the counts below say
     * how many, so a skip rule that grew, or a grid that lost its corners, fails instead of checking less.
     */
    @Test
    void convergesAtTheExtremes() {
        double f = 100;
        double[] vols = {0.01, 0.02, 0.1, 0.5, 1, 2, 3, 4, 5};
        double[] expiries = {HOUR, 1.0 / 365, 0.1, 1};
        int points = 0;
        int checked = 0;
        int checkedAtTheCorners = 0;
        for (boolean call : new boolean[] {true, false}) {
            for (double m : new double[] {0.2, 0.5, 0.8, 0.95, 0.99, 0.999, 1, 1.001, 1.01, 1.05, 1.2, 1.5, 2, 5}) {
                for (double vol : vols) {
                    for (double t : expiries) {
                        points++;
                        boolean wasChecked = checkRoundTrip(call, f, m * f, t, vol);
                        checked += wasChecked ? 1 : 0;
                        boolean corner = (vol == vols[0] || vol == vols[vols.length - 1])
                                && (t == expiries[0] || t == expiries[expiries.length - 1]);
                        checkedAtTheCorners += wasChecked && corner ? 1 : 0;
                    }
                }
            }
        }
        // The grid is fixed, so the counts are exact; the nearest point to the 1e-12 cut is a factor 2.6 from it,
        // far beyond any last-bit difference between platforms' exp and erfc.
        assertThat(points).isEqualTo(2 * 14 * 9 * 4);
        assertThat(points - checked).as("skipped for no time value").isEqualTo(338);
        assertThat(checked).as("points whose round trip was checked").isGreaterThanOrEqualTo(670);
        assertThat(checkedAtTheCorners).as("checked at 1%% or 500%% and one hour or one year").isEqualTo(62);
    }

    @Test
    void anInTheMoneyOptionImpliesTheVolatilityOfItsOutOfTheMoneyTwin() {
        double f = 24_500, k = 22_000, t = 7.0 / 365;
        double put = Black76.price(false, f, k, t, RATE, 0.25);
        double call = put + Math.exp(-RATE * t) * (f - k);
        assertThat(ImpliedVolatility.solve(true, call, f, k, t, RATE))
                .isCloseTo(ImpliedVolatility.solve(false, put, f, k, t, RATE), within(1e-9));
    }

    @Test
    void noTimeValueMeansNoVolatility() {
        double f = 100, k = 90, t = 0.5, discount = Math.exp(-RATE * t);
        assertThat(ImpliedVolatility.solve(true, discount * 10 - 0.01, f, k, t, RATE)).as("below intrinsic").isNaN();
        assertThat(ImpliedVolatility.solve(true, discount * 10, f, k, t, RATE)).as("at intrinsic").isNaN();
        assertThat(ImpliedVolatility.solve(false, 0, f, k, t, RATE)).as("worthless OTM put").isNaN();
        assertThat(ImpliedVolatility.solve(false, -1, f, k, t, RATE)).as("negative premium").isNaN();
    }

    @Test
    void aPremiumAtOrAboveTheNoArbitrageBoundHasNoVolatility() {
        double f = 100, k = 90, t = 0.5, discount = Math.exp(-RATE * t);
        assertThat(ImpliedVolatility.solve(true, discount * f, f, k, t, RATE)).as("call at F e^-rT").isNaN();
        assertThat(ImpliedVolatility.solve(true, discount * f + 1, f, k, t, RATE)).as("call above").isNaN();
        assertThat(ImpliedVolatility.solve(false, discount * k, f, k, t, RATE)).as("put at K e^-rT").isNaN();
    }

    @Test
    void atOrAfterExpiryThereIsNoVolatility() {
        assertThat(ImpliedVolatility.solve(true, 5, 100, 100, 0, RATE)).isNaN();
        assertThat(ImpliedVolatility.solve(true, 5, 100, 100, -1e-9, RATE)).isNaN();
    }

    @Test
    void nonFiniteOrNonPositiveInputsGiveNaN() {
        assertThat(ImpliedVolatility.solve(true, Double.NaN, 100, 100, 0.1, RATE)).isNaN();
        assertThat(ImpliedVolatility.solve(true, 2, Double.NaN, 100, 0.1, RATE)).isNaN();
        assertThat(ImpliedVolatility.solve(true, 2, 100, Double.POSITIVE_INFINITY, 0.1, RATE)).isNaN();
        assertThat(ImpliedVolatility.solve(true, 2, 100, 100, Double.NaN, RATE)).isNaN();
        assertThat(ImpliedVolatility.solve(true, 2, 100, 100, 0.1, Double.NaN)).isNaN();
        assertThat(ImpliedVolatility.solve(true, 2, 0, 100, 0.1, RATE)).isNaN();
        assertThat(ImpliedVolatility.solve(true, 2, 100, -100, 0.1, RATE)).isNaN();
    }

    /** @return false when the point was skipped for having no time value to speak of */
    private static boolean checkRoundTrip(boolean call, double f, double k, double t, double vol) {
        double price = Black76.price(call, f, k, t, RATE, vol);
        double timeValue = price * Math.exp(RATE * t) - Black76.intrinsic(call, f, k);
        if (timeValue < 1e-12 * f) {
            return false;
        }
        String at = String.format("%s F=%s K=%s T=%s vol=%s price=%s", call ? "call" : "put", f, k, t, vol, price);
        double iv = ImpliedVolatility.solve(call, price, f, k, t, RATE);
        assertThat(iv).as(at).isFinite();
        assertThat(Black76.price(call, f, k, t, RATE, iv)).as(at).isCloseTo(price, within(1e-8 * price));
        boolean outOfTheMoney = call ? k >= f : k <= f;
        if (outOfTheMoney) {
            assertThat(iv).as(at).isCloseTo(vol, within(1e-9 * vol));
        }
        return true;
    }
}

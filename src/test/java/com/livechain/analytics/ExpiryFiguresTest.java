package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The per-expiry figures on a chain priced by Black-76 at known volatilities, so every figure is known. */
class ExpiryFiguresTest {

    static final double RATE = 0.10;
    static final double YEARS = 30 / 365.0;
    static final double FORWARD = 26080;
    static final double[] STRIKES = {25900, 25950, 26000, 26050, 26100};

    private static double[] prices(boolean call, double vol) {
        double[] p = new double[STRIKES.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Black76.price(call, FORWARD, STRIKES[i], YEARS, RATE, vol);
        }
        return p;
    }

    @Test
    void forwardAtmIvStraddleAndOpenInterestOfAPricedChain() {
        double[] calls = prices(true, 0.13);
        double[] puts = prices(false, 0.15);
        long[] ceOi = {100, 200, 300, 400, 500};
        long[] peOi = {500, 400, 300, 200, -1};
        long[] none = {-1, -1, -1, -1, -1};
        // Spot 26030: nearest strike 26050 (20 away) over 26000 (30 away).
        ExpiryFigures f = ExpiryFigures.of(26030, YEARS, RATE, STRIKES, calls, puts, ceOi, peOi, none, none);

        // Parity holds at every strike only if both legs are priced at one vol; with 13% and 15% the estimate
        // is K + e^{rT}(C - P) averaged over the three strikes nearest the spot.
        double growth = Math.exp(RATE * YEARS);
        double expected = 0;
        for (int i : new int[] {2, 3, 4}) {
            expected += STRIKES[i] + growth * (calls[i] - puts[i]);
        }
        assertThat(f.forward()).isCloseTo(expected / 3, within(1e-9));
        assertThat(f.atmIndex()).isEqualTo(3);
        assertThat(f.atmStrike()).isEqualTo(26050);
        assertThat(f.straddle()).isCloseTo(calls[3] + puts[3], within(1e-12));
        assertThat(f.atmCallIv()).isCloseTo(ImpliedVolatility.solve(true, calls[3], f.forward(), 26050, YEARS, RATE), within(1e-12));
        assertThat(f.atmIv()).isCloseTo((f.atmCallIv() + f.atmPutIv()) / 2, within(1e-15));
        assertThat(f.oi().totalCeOi()).isEqualTo(1500);
        assertThat(f.oi().totalPeOi()).isEqualTo(1400);
        assertThat(f.oi().pcr()).isCloseTo(1400.0 / 1500, within(1e-15));
        assertThat(f.expectedMove()).isCloseTo(f.forward() * f.atmIv() * Math.sqrt(YEARS), within(1e-9));
    }

    @Test
    void withOneConsistentVolTheFiguresAreTheModelsOwn() {
        double[] calls = prices(true, 0.14);
        double[] puts = prices(false, 0.14);
        long[] oi = {1, 1, 1, 1, 1};
        ExpiryFigures f = ExpiryFigures.of(26000, YEARS, RATE, STRIKES, calls, puts, oi, oi, oi, oi);
        assertThat(f.forward()).isCloseTo(FORWARD, within(1e-6));
        assertThat(f.atmStrike()).isEqualTo(26000);
        assertThat(f.atmIv()).isCloseTo(0.14, within(1e-9));
    }

    @Test
    void oneSidedAtmUsesTheSideThatHasAnIvAndNoStraddle() {
        double[] calls = prices(true, 0.14);
        double[] puts = prices(false, 0.14);
        puts[2] = Double.NaN;
        long[] oi = {1, 1, 1, 1, 1};
        ExpiryFigures f = ExpiryFigures.of(26000, YEARS, RATE, STRIKES, calls, puts, oi, oi, oi, oi);
        assertThat(f.atmPutIv()).isNaN();
        assertThat(f.atmIv()).isEqualTo(f.atmCallIv());
        assertThat(f.straddle()).isNaN();
    }

    @Test
    void withoutASpotThereIsNoAtmNorForward() {
        long[] oi = {1, 1, 1, 1, 1};
        ExpiryFigures f = ExpiryFigures.of(Double.NaN, YEARS, RATE, STRIKES, prices(true, 0.14), prices(false, 0.14),
                oi, oi, oi, oi);
        assertThat(f.atmIndex()).isEqualTo(-1);
        assertThat(f.forward()).isNaN();
        assertThat(f.atmIv()).isNaN();
        assertThat(f.oi().totalCeOi()).isEqualTo(5);
    }

    @Test
    void thePremiumIsTheMidWhenBothSidesAreQuotedElseTheLastPrice() {
        assertThat(OptionPremium.of(112.3, 112.6, 110)).isCloseTo(112.45, within(1e-12));
        assertThat(OptionPremium.of(Double.NaN, 112.6, 110)).isEqualTo(110);
        assertThat(OptionPremium.of(0, 112.6, 110)).isEqualTo(110);
        assertThat(OptionPremium.of(113, 112.6, 110)).as("crossed").isEqualTo(110);
        assertThat(OptionPremium.of(0, 0, 0)).isNaN();
    }
}

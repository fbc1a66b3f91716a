package com.livechain.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/**
 * The interpolations on a small smile whose figures are worked by hand. Forward 100; the points (strike, IV,
 * delta of the out-of-the-money leg):
 * <pre>
 *   90  0.200  -0.10   (call delta 0.90)
 *   95  0.170  -0.30   (call delta 0.70)
 *   98  0.150  -0.45   (call delta 0.55)
 *  102  0.140   0.45
 *  105  0.135   0.30
 *  110  0.140   0.15
 * </pre>
 * ATM: linear in ln(K/F) between 98 and 102: 0.15 + (0 - ln 0.98)(0.14 - 0.15)/(ln 1.02 - ln 0.98) = 0.14494999667.
 * 25-delta call: between 105 and 110, 0.135 + (0.25 - 0.30)(0.14 - 0.135)/(0.15 - 0.30) = 0.13666666667.
 * 25-delta put (call delta 0.75): between 90 and 95, 0.20 + (0.75 - 0.90)(0.17 - 0.20)/(0.70 - 0.90) = 0.1775.
 * RR = 0.13666666667 - 0.1775 = -0.04083333333; BF = (0.13666666667 + 0.1775)/2 - 0.14494999667 = 0.01213333667.
 */
class SmileFiguresTest {

    static final double[] STRIKES = {90, 95, 98, 102, 105, 110};
    static final double[] IVS = {0.20, 0.17, 0.15, 0.14, 0.135, 0.14};
    static final double[] DELTAS = {-0.10, -0.30, -0.45, 0.45, 0.30, 0.15};

    static Smile handSmile() {
        return Smile.ofPoints(100, 0.1, STRIKES, IVS, DELTAS);
    }

    @Test
    void atmIvIsLinearInLogMoneynessBetweenTheStrikesAroundTheForward() {
        assertThat(SmileFigures.atmIv(handSmile())).isCloseTo(0.1449499966660443, within(1e-13));
    }

    @Test
    void atmIvOnAStrikeAtTheForwardIsThatStrikesIv() {
        Smile smile = Smile.ofPoints(100, 0.1, new double[] {95, 100, 105}, new double[] {0.16, 0.145, 0.14},
                new double[] {-0.3, 0.5, 0.3});
        assertThat(SmileFigures.atmIv(smile)).isEqualTo(0.145);
    }

    @Test
    void the25DeltaPointsAreLinearInDeltaBetweenTheBracketingStrikes() {
        Smile smile = handSmile();
        assertThat(SmileFigures.ivAtCallDelta(smile, 0.25)).isCloseTo(0.1366666666666667, within(1e-13));
        assertThat(SmileFigures.ivAtPutDelta(smile, -0.25)).isCloseTo(0.1775, within(1e-13));
    }

    @Test
    void riskReversalAndButterflyFollowFromThe25DeltaPointsAndTheAtmIv() {
        ExpirySurface surface = ExpirySurface.of(LocalDate.of(2026, 12, 8), handSmile());
        assertThat(surface.rr25()).isCloseTo(-0.04083333333333333, within(1e-13));
        assertThat(surface.bf25()).isCloseTo(0.012133336667289052, within(1e-13));
        // forward x atmIv x sqrt(years) = 100 x 0.14494999667 x sqrt(0.1)
        assertThat(surface.expectedMove()).isCloseTo(4.58372136298513, within(1e-9));
        assertThat(surface.days()).isCloseTo(36.5, within(1e-12));
    }

    @Test
    void aPointTheStrikesDoNotReachIsNaNNotExtrapolated() {
        // The call wing stops at delta 0.30, the put wing at -0.30: neither 25-delta point is bracketed.
        Smile smile = Smile.ofPoints(100, 0.1, new double[] {95, 98, 102, 105}, new double[] {0.17, 0.15, 0.14, 0.135},
                new double[] {-0.30, -0.45, 0.45, 0.30});
        ExpirySurface surface = ExpirySurface.of(LocalDate.of(2026, 12, 8), smile);
        assertThat(surface.call25()).isNaN();
        assertThat(surface.put25()).isNaN();
        assertThat(surface.rr25()).isNaN();
        assertThat(surface.bf25()).isNaN();
        assertThat(surface.atmIv()).isFinite();
    }

    @Test
    void aForwardOutsideTheQuotedStrikesHasNoAtmIv() {
        Smile callsOnly = Smile.ofPoints(100, 0.1, new double[] {102, 105, 110}, new double[] {0.14, 0.135, 0.14},
                new double[] {0.45, 0.30, 0.15});
        assertThat(SmileFigures.atmIv(callsOnly)).isNaN();
        assertThat(SmileFigures.ivAtCallDelta(callsOnly, 0.25)).as("the call wing alone still brackets 25 delta")
                .isCloseTo(0.1366666666666667, within(1e-13));
        assertThat(SmileFigures.ivAtPutDelta(callsOnly, -0.25)).isNaN();
        Smile empty = Smile.ofPoints(100, 0.1, new double[0], new double[0], new double[0]);
        assertThat(SmileFigures.atmIv(empty)).isNaN();
        assertThat(SmileFigures.ivAtCallDelta(empty, 0.25)).isNaN();
        assertThat(SmileFigures.ivAtPutDelta(empty, -0.25)).isNaN();
    }

    @Test
    void onAnExpiryDayTheBracketMaySpanTheForward() {
        // One strike each side, deltas 0.9 (put -0.1) and 0.1: both 25-delta points lie between them.
        Smile smile = Smile.ofPoints(100, 0.001, new double[] {99, 101}, new double[] {0.16, 0.14},
                new double[] {-0.10, 0.10});
        // call delta 0.25: 0.16 + (0.25 - 0.9)(0.14 - 0.16)/(0.1 - 0.9) = 0.14375; 0.75: 0.15625
        assertThat(SmileFigures.ivAtCallDelta(smile, 0.25)).isCloseTo(0.14375, within(1e-13));
        assertThat(SmileFigures.ivAtPutDelta(smile, -0.25)).isCloseTo(0.15625, within(1e-13));
    }
}

package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AtmFiguresTest {

    private static final double NaN = Double.NaN;
    private static final double[] STRIKES = {25900, 25950, 26000, 26050, 26100};

    @Test
    void nearestStrikeIsTheStrikeClosestToTheLevelAndTheLowerOnATie() {
        assertThat(AtmFigures.nearestStrike(STRIKES, STRIKES.length, 26012.3)).isEqualTo(2);
        assertThat(AtmFigures.nearestStrike(STRIKES, STRIKES.length, 26030)).isEqualTo(3);
        assertThat(AtmFigures.nearestStrike(STRIKES, STRIKES.length, 26025)).as("tie").isEqualTo(2);
        assertThat(AtmFigures.nearestStrike(STRIKES, STRIKES.length, 25000)).isEqualTo(0);
        assertThat(AtmFigures.nearestStrike(STRIKES, STRIKES.length, 27000)).isEqualTo(4);
        assertThat(AtmFigures.nearestStrike(STRIKES, 3, 26100)).as("only the first 3 strikes count").isEqualTo(2);
        assertThat(AtmFigures.nearestStrike(STRIKES, STRIKES.length, NaN)).isEqualTo(-1);
        assertThat(AtmFigures.nearestStrike(new double[0], 0, 26000)).isEqualTo(-1);
    }

    @Test
    void atmIvIsTheMeanOfCallAndPutOrTheSideThatIsKnown() {
        assertThat(AtmFigures.atmIv(12.8, 13.4)).isCloseTo(13.1, within(1e-12));
        assertThat(AtmFigures.atmIv(12.8, NaN)).isEqualTo(12.8);
        assertThat(AtmFigures.atmIv(0, 13.4)).isEqualTo(13.4);
        assertThat(AtmFigures.atmIv(NaN, NaN)).isNaN();
    }

    @Test
    void midIsTheQuotedMidElseTheLastPrice() {
        assertThat(AtmFigures.mid(100.0, 101.0, 99.0)).isEqualTo(100.5);
        assertThat(AtmFigures.mid(NaN, 101.0, 99.0)).as("no bid").isEqualTo(99.0);
        assertThat(AtmFigures.mid(102.0, 101.0, 99.0)).as("crossed quote").isEqualTo(99.0);
        assertThat(AtmFigures.mid(0, 0, NaN)).isNaN();
    }

    @Test
    void straddleIsCallMidPlusPutMid() {
        // (100 + 101) / 2 + (90 + 92) / 2 = 100.5 + 91
        assertThat(AtmFigures.straddle(100, 101, 99, 90, 92, 95)).isEqualTo(191.5);
        // The put has no quote: its last price stands in.
        assertThat(AtmFigures.straddle(100, 101, 99, NaN, NaN, 95)).isEqualTo(195.5);
        assertThat(AtmFigures.straddle(100, 101, 99, NaN, NaN, NaN)).as("half a straddle").isNaN();
    }

    @Test
    void expectedMoveIsForwardTimesVolTimesRootYears() {
        // 26000 x 0.13 x sqrt(0.25) = 3380 x 0.5
        assertThat(AtmFigures.expectedMove(26000, 0.13, 0.25)).isCloseTo(1690.0, within(1e-9));
        // A week: 24000 x 0.10 x sqrt(7/365) = 2400 x 0.138484952...
        assertThat(AtmFigures.expectedMove(24000, 0.10, 7 / 365.0)).isCloseTo(332.3639, within(1e-4));
        assertThat(AtmFigures.expectedMove(26000, 0.13, 0)).as("expired").isNaN();
        assertThat(AtmFigures.expectedMove(26000, 0.13, -0.01)).isNaN();
        assertThat(AtmFigures.expectedMove(NaN, 0.13, 0.25)).isNaN();
        assertThat(AtmFigures.expectedMove(26000, NaN, 0.25)).isNaN();
    }
}

package com.livechain.universe;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StrikeStepsTest {

    private static List<BigDecimal> ladder(int from, int to, int step) {
        List<BigDecimal> strikes = new ArrayList<>();
        for (int k = from; k <= to; k += step) {
            strikes.add(BigDecimal.valueOf(k));
        }
        return strikes;
    }

    @Test
    void niftyLadderWithWiderFarStrikesHasStepFifty() {
        List<BigDecimal> strikes = new ArrayList<>(ladder(20000, 23000, 100));
        strikes.addAll(ladder(23050, 27000, 50));
        strikes.addAll(ladder(27100, 30000, 100));
        assertThat(StrikeSteps.of(strikes)).isEqualByComparingTo("50");
    }

    @Test
    void decimalStringsOfTheSameStrikeCountOnce() {
        List<BigDecimal> strikes = List.of(new BigDecimal("24000.00000"), new BigDecimal("24000"),
                new BigDecimal("24100.0"), new BigDecimal("24200.000000"));
        assertThat(StrikeSteps.of(strikes)).isEqualByComparingTo("100");
    }

    @Test
    void orderAndDuplicatesDoNotMatter() {
        List<BigDecimal> strikes = new ArrayList<>(ladder(23000, 26000, 50));
        strikes.addAll(ladder(23000, 26000, 50));
        strikes.addAll(ladder(26100, 28000, 100));
        java.util.Collections.shuffle(strikes, new java.util.Random(1));
        assertThat(StrikeSteps.of(strikes)).isEqualByComparingTo("50");
    }

    @Test
    void tieGoesToTheSmallerGap() {
        List<BigDecimal> strikes = List.of(BigDecimal.valueOf(100), BigDecimal.valueOf(125), BigDecimal.valueOf(175));
        assertThat(StrikeSteps.of(strikes)).isEqualByComparingTo("25");
    }

    @Test
    void fractionalStepsAreKept() {
        assertThat(StrikeSteps.of(List.of(new BigDecimal("82.5"), new BigDecimal("83.0"), new BigDecimal("83.5"))))
                .isEqualByComparingTo("0.5");
    }

    @Test
    void aSingleStrikeHasNoStep() {
        assertThat(StrikeSteps.of(List.of(BigDecimal.TEN))).isEqualByComparingTo("0");
    }
}

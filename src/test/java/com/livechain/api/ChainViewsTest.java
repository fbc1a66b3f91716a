package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ChainViewsTest {

    private static double bigDecimalHalfUp(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private static void assertSameAsBigDecimal(double value, int decimals) {
        double expected = bigDecimalHalfUp(value, decimals);
        double actual = ChainViews.round(value, decimals);
        // Bit for bit: the JSON must not change by a digit, nor show -0.0.
        assertThat(Double.doubleToRawLongBits(actual)).as("round(%s, %d)", value, decimals)
                .isEqualTo(Double.doubleToRawLongBits(expected));
    }

    @Test
    void roundingMatchesBigDecimalHalfUpOfTheShortestDecimalForm() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 2_000_000; i++) {
            int decimals = new int[] {2, 4, 6}[i % 3];
            double magnitude = Math.pow(10, random.nextInt(-8, 9));
            double value = (random.nextDouble() * 2 - 1) * magnitude;
            assertSameAsBigDecimal(value, decimals);
            // Feed prices: float32 on the 0.05 tick, as decoded.
            assertSameAsBigDecimal((float) (random.nextInt(1, 2_000_000) * 0.05), 2);
        }
    }

    @Test
    void tiesAndZerosRoundLikeBigDecimal() {
        for (int n = -100_000; n <= 100_000; n++) {
            for (int decimals : new int[] {2, 4, 6}) {
                double unit = Math.pow(10, -decimals);
                assertSameAsBigDecimal((n + 0.5) * unit, decimals);
                assertSameAsBigDecimal(n * unit + unit / 2, decimals);
                assertSameAsBigDecimal(n * unit, decimals);
            }
        }
        assertSameAsBigDecimal(1.005, 2);
        assertSameAsBigDecimal(-1.005, 2);
        assertSameAsBigDecimal(-0.0, 2);
        assertSameAsBigDecimal(-0.004, 2);
        assertSameAsBigDecimal(0.00081, 6);
        assertSameAsBigDecimal(1e300, 2);
        assertSameAsBigDecimal(-1e18, 4);
    }
}

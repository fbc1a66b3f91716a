package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

class RoundedDecimalsTest {

    /** The application's mapper (JsonWritingConfiguration): Schubfach, as Java 19+'s Double.toString. */
    static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private static void assertWrittenAsJacksonWrites(double value, int decimals) {
        char[] into = new char[RoundedDecimals.MAX_LENGTH];
        int length = RoundedDecimals.write(value, decimals, into);
        String jackson = JSON.writeValueAsString(value);
        if (length < 0) {
            // Left to the generator: only what the fixed layouts do not cover.
            assertThat(Math.abs(value) >= 1e7 || !Double.isFinite(value) || Math.abs(value) * Math.pow(10, decimals) >= 1e15)
                    .as("%s (%d decimals) left to the generator", jackson, decimals).isTrue();
            return;
        }
        assertThat(new String(into, 0, length)).as("%s to %d decimals", jackson, decimals).isEqualTo(jackson);
    }

    @Test
    void roundedValuesOfEveryMagnitudeAreWrittenAsJacksonWritesThem() {
        SplittableRandom random = new SplittableRandom(17);
        int[] decimals = {2, 4, 6};
        for (int i = 0; i < 1_500_000; i++) {
            int d = decimals[i % 3];
            double magnitude = Math.pow(10, random.nextInt(-7, 8));
            double x = (random.nextDouble() * 2 - 1) * magnitude;
            assertWrittenAsJacksonWrites(ChainViews.round(x, d), d);
            // Feed prices: float32 on the 0.05 tick, rounded to paise.
            assertWrittenAsJacksonWrites(ChainViews.round((float) (random.nextInt(1, 2_000_000) * 0.05), 2), 2);
        }
    }

    @Test
    void theEdgesOfTheLayoutsAreWrittenAsJacksonWritesThem() {
        double[] values = {0.0, 0.001, -0.001, 0.000999, 0.0001, 0.000001, -0.000001, 0.00081, 0.05, 0.5, 1, 10,
                24500, 24500.5, 9_999_999.99, -9_999_999.99, 1e7, 1.5e7, 123_456_789.12, 0.1, 0.2, 0.3, 1.1,
                112.3, 99.99, 0.012, 0.0125, 1.0e-6, 8.0e-6, 0.009999, 0.01, 100, 1000.5};
        for (double v : values) {
            for (int d : new int[] {0, 2, 4, 6}) {
                assertWrittenAsJacksonWrites(ChainViews.round(v, d), d);
                assertWrittenAsJacksonWrites(ChainViews.round(-v, d), d);
            }
        }
        assertThat(RoundedDecimals.write(Double.NaN, 2, new char[RoundedDecimals.MAX_LENGTH])).isEqualTo(-1);
        assertThat(RoundedDecimals.write(-0.0, 2, new char[RoundedDecimals.MAX_LENGTH])).isEqualTo(-1);
        assertThat(RoundedDecimals.write(0.123456789, 2, new char[RoundedDecimals.MAX_LENGTH]))
                .as("not a value rounded to 2 places").isEqualTo(-1);
    }
}

package com.livechain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

class RoundedDecimalsTest {

    /** The application's mapper (JsonWritingConfiguration): Schubfach, as Java 19+'s Double.toString. */
    static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    /** {@code write(x, d)} is what Jackson writes for {@code round(x, d)}, or it declines. */
    private static void assertWrittenAsJacksonWrites(double x, int decimals) {
        byte[] into = new byte[RoundedDecimals.MAX_LENGTH + 3];
        into[0] = '#';
        into[1] = '#';
        int end = RoundedDecimals.write(x, decimals, into, 2);
        double value = ChainViews.round(x, decimals);
        String jackson = JSON.writeValueAsString(value);
        if (end < 0) {
            // Left to the general way: only what the fixed layouts do not cover, or a tie round() settles with BigDecimal.
            assertThat(Math.abs(value) >= 1e7 || !Double.isFinite(x)
                    || ChainViews.roundedUnits(x, decimals) == ChainViews.NO_UNITS)
                    .as("%s (%s to %d decimals) left to the generator", jackson, x, decimals).isTrue();
            return;
        }
        assertThat(new String(into, 0, end, java.nio.charset.StandardCharsets.US_ASCII)).as("%s to %d decimals", jackson, decimals)
                .isEqualTo("##" + jackson);
    }

    @Test
    void roundedValuesOfEveryMagnitudeAreWrittenAsJacksonWritesThem() {
        SplittableRandom random = new SplittableRandom(17);
        int[] decimals = {2, 4, 6};
        for (int i = 0; i < 1_500_000; i++) {
            int d = decimals[i % 3];
            double magnitude = Math.pow(10, random.nextInt(-7, 8));
            double x = (random.nextDouble() * 2 - 1) * magnitude;
            assertWrittenAsJacksonWrites(x, d);
            // Feed prices: float32 on the 0.05 tick, rounded to paise.
            assertWrittenAsJacksonWrites((float) (random.nextInt(1, 2_000_000) * 0.05), 2);
        }
    }

    @Test
    void theEdgesOfTheLayoutsAreWrittenAsJacksonWritesThem() {
        double[] values = {0.0, 0.001, -0.001, 0.000999, 0.0001, 0.000001, -0.000001, 0.00081, 0.05, 0.5, 1, 10,
                24500, 24500.5, 9_999_999.99, -9_999_999.99, 1e7, 1.5e7, 123_456_789.12, 0.1, 0.2, 0.3, 1.1,
                112.3, 99.99, 0.012, 0.0125, 1.0e-6, 8.0e-6, 0.009999, 0.01, 100, 1000.5};
        for (double v : values) {
            for (int d : new int[] {0, 2, 4, 6}) {
                assertWrittenAsJacksonWrites(v, d);
                assertWrittenAsJacksonWrites(-v, d);
                assertWrittenAsJacksonWrites(Math.nextUp(v), d);
                assertWrittenAsJacksonWrites(Math.nextDown(-v), d);
            }
        }
        assertThat(RoundedDecimals.write(Double.NaN, 2, new byte[RoundedDecimals.MAX_LENGTH], 0)).isEqualTo(-1);
        assertThat(RoundedDecimals.write(1.005, 2, new byte[RoundedDecimals.MAX_LENGTH], 0))
                .as("a tie: round() settles it with BigDecimal").isEqualTo(-1);
        // Ties and both zeros, as round() sees them: every tie in ±10 000 units.
        for (int n = -10_000; n <= 10_000; n++) {
            for (int d : new int[] {2, 4, 6}) {
                double unit = Math.pow(10, -d);
                assertWrittenAsJacksonWrites((n + 0.5) * unit, d);
                assertWrittenAsJacksonWrites(n * unit, d);
            }
        }
        assertWrittenAsJacksonWrites(-0.0, 2);
        assertWrittenAsJacksonWrites(-0.004, 2);
    }
}

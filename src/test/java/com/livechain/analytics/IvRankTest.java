package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** IV rank and percentile against values worked out by hand from the contract's definitions. */
class IvRankTest {

    @Test
    void rankAndPercentileOfTwentyDaysWorkedByHand() {
        // 20 days: 10, 11, ..., 29 (oldest first), then today 14.5 replaces nothing: it is the 21st.
        double[] days = new double[21];
        for (int i = 0; i < 20; i++) {
            days[i] = 10 + i;
        }
        days[20] = 14.5;
        IvRank rank = IvRank.of(days);
        // min 10, max 29: (14.5 - 10) / 19 x 100 = 23.684...
        assertThat(rank.ivRank()).isCloseTo(450.0 / 19, within(1e-9));
        // Below 14.5: 10..14, five of 21 days listed.
        assertThat(rank.ivPercentile()).isCloseTo(5.0 / 21 * 100, within(1e-9));
        assertThat(rank.current()).isEqualTo(14.5);
        assertThat(rank.days()).isEqualTo(21);
    }

    @Test
    void theHighestDayRanksOneHundredAndTheLowestZero() {
        double[] rising = IntStream.range(0, 30).mapToDouble(i -> 12 + 0.1 * i).toArray();
        assertThat(IvRank.of(rising).ivRank()).isEqualTo(100.0);
        // 29 of 30 days are below the last.
        assertThat(IvRank.of(rising).ivPercentile()).isCloseTo(29.0 / 30 * 100, within(1e-9));
        double[] falling = IntStream.range(0, 30).mapToDouble(i -> 15 - 0.1 * i).toArray();
        assertThat(IvRank.of(falling).ivRank()).isEqualTo(0.0);
        assertThat(IvRank.of(falling).ivPercentile()).isEqualTo(0.0);
    }

    @Test
    void nothingUntilTwentyDays() {
        double[] nineteen = IntStream.range(0, 19).mapToDouble(i -> 10 + i).toArray();
        IvRank rank = IvRank.of(nineteen);
        assertThat(rank.ivRank()).isNaN();
        assertThat(rank.ivPercentile()).isNaN();
        assertThat(rank.current()).isEqualTo(28.0);
        double[] twenty = IntStream.range(0, 20).mapToDouble(i -> 10 + i).toArray();
        assertThat(IvRank.of(twenty).ivRank()).isEqualTo(100.0);
        assertThat(IvRank.of(new double[0]).current()).isNaN();
    }

    @Test
    void onlyTheLast252DaysCount() {
        // 300 days: an old spike of 80 on day 0, then 252 days between 10 and 20, today 15.
        double[] days = new double[300];
        days[0] = 80;
        for (int i = 1; i < 299; i++) {
            days[i] = 10 + (i % 11);
        }
        days[299] = 15;
        IvRank rank = IvRank.of(days);
        assertThat(rank.days()).isEqualTo(252);
        // Within the window the range is 10..20, the spike long gone: (15 - 10) / 10.
        assertThat(rank.ivRank()).isCloseTo(50.0, within(1e-9));
        long below = IntStream.range(300 - 252, 300).filter(i -> days[i] < 15).count();
        assertThat(rank.ivPercentile()).isCloseTo(below * 100.0 / 252, within(1e-9));
    }

    @Test
    void aFlatHistoryHasNoRankButAPercentileOfZero() {
        double[] flat = IntStream.range(0, 25).mapToDouble(i -> 13.0).toArray();
        assertThat(IvRank.of(flat).ivRank()).isNaN();
        assertThat(IvRank.of(flat).ivPercentile()).isEqualTo(0.0);
    }
}

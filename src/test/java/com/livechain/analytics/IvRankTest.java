package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** IV rank and percentile against values worked out by hand from the contract's definitions. */
class IvRankTest {


    /** 1, 2, ..., n. */
    private static double[] oneTo(int n) {
        double[] days = new double[n];
        for (int i = 0; i < n; i++) {
            days[i] = i + 1;
        }
        return days;
    }

    @Test
    void rankIsThePositionOfCurrentInTheRange() {
        // Over 1..20: (15 - 1) / (20 - 1) x 100
        assertThat(IvRank.rank(15, oneTo(20), 20)).isCloseTo(73.6842105, within(1e-6));
        assertThat(IvRank.rank(1, oneTo(20), 20)).isEqualTo(0.0);
        assertThat(IvRank.rank(20, oneTo(20), 20)).isEqualTo(100.0);
        assertThat(IvRank.rank(39, oneTo(20), 20)).as("above the year's high").isEqualTo(200.0);
    }

    @Test
    void percentileIsTheShareOfDaysStrictlyBelowCurrent() {
        // 1..14 are below 15: 14 of 20
        assertThat(IvRank.percentile(15, oneTo(20), 20)).isEqualTo(70.0);
        assertThat(IvRank.percentile(15.5, oneTo(20), 20)).isEqualTo(75.0);
        assertThat(IvRank.percentile(1, oneTo(20), 20)).isEqualTo(0.0);
        assertThat(IvRank.percentile(21, oneTo(20), 20)).isEqualTo(100.0);
    }

    @Test
    void bothAreUndefinedUntilTwentyDays() {
        assertThat(IvRank.rank(15, oneTo(19), 19)).isNaN();
        assertThat(IvRank.percentile(15, oneTo(19), 19)).isNaN();
        assertThat(IvRank.rank(15, oneTo(20), 19)).as("only count entries are read").isNaN();
    }

    @Test
    void onlyTheLastTradingYearCounts() {
        // 48 old days of 1000 (outside the window), then 1..252.
        double[] days = new double[300];
        for (int i = 0; i < 48; i++) {
            days[i] = 1000;
        }
        System.arraycopy(oneTo(252), 0, days, 48, 252);

        // (127 - 1) / (252 - 1) x 100; 126 of 252 days below 127.
        assertThat(IvRank.rank(127, days, days.length)).isCloseTo(50.1992032, within(1e-6));
        assertThat(IvRank.percentile(127, days, days.length)).isEqualTo(50.0);
    }

    @Test
    void missingDaysAreLeftOutAndAFlatHistoryHasNoRank() {
        double[] days = oneTo(22);
        days[3] = Double.NaN;
        days[7] = 0;
        // 20 usable days: 1..22 without 4 and 8. Below 10: 1,2,3,5,6,7,9 = 7 of 20.
        assertThat(IvRank.percentile(10, days, days.length)).isEqualTo(35.0);
        assertThat(IvRank.rank(10, days, days.length)).isCloseTo((10 - 1) / 21.0 * 100, within(1e-9));
        days[0] = Double.NaN;
        assertThat(IvRank.rank(10, days, days.length)).as("19 usable days").isNaN();

        double[] flat = new double[30];
        java.util.Arrays.fill(flat, 12.5);
        assertThat(IvRank.rank(12.5, flat, flat.length)).isNaN();
        assertThat(IvRank.percentile(12.5, flat, flat.length)).isEqualTo(0.0);
    }

    @Test
    void noCurrentValueHasNoFigures() {
        assertThat(IvRank.rank(Double.NaN, oneTo(30), 30)).isNaN();
        assertThat(IvRank.percentile(0, oneTo(30), 30)).isNaN();
    }


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
